using Chorus.Reporting;
using Chorus.Voting;

namespace Chorus.Benchmarks.Voting;

/// <summary>Runs votes through the real runner against replayed samples with simulated latency, k samples in flight, many questions at once.</summary>
internal static class WallClockRun
{
    public sealed record Totals(double WallMs, int Correct, long Used, long Started, long CancelledTokens, int Questions);

    public static async Task<Totals> RunAsync(
        IReadOnlyList<VotingQuestion> questions, IStoppingRule rule, int seed, int concurrency, double latencyScale, int parallelQuestions, Func<string, string> normalizer)
    {
        double wall = 0;
        int correct = 0;
        long used = 0, started = 0, cancelledTokens = 0;
        var sync = new object();
        var indexes = Enumerable.Range(0, questions.Count);
        await Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = parallelQuestions }, async (q, ct) =>
        {
            VotingQuestion question = questions[q];
            int[] order = OfflineVote.Permutation(question.Texts.Length, seed, q);
            string?[] texts = [.. order.Select(i => question.Texts[i])];
            var client = new ReplayChatClient(texts, HashCode.Combine(seed, q), latencyScale);
            var options = new VoteOptions
            {
                MaxSamples = texts.Length,
                Concurrency = concurrency,
                Aggregator =
                {
                    StoppingRule = rule,
                    TieRule = MajorityTieRule.LowestBranchIndex,
                },
            };
            RunReport report;
            bool right = false;
            int usedHere, cancelledHere;
            long tokensHere;
            try
            {
                RunResult<VoteResult> result = await client.VoteAsync(question.Question, options, ct).ConfigureAwait(false);
                report = result.Report;
                right = result.Value.NormalizedAnswer == normalizer(question.Gold);
                usedHere = result.Value.SamplesUsed;
                cancelledHere = result.Value.SamplesCancelled;
                tokensHere = result.Value.CancelledTokens;
            }
            catch (RunFailedException ex)
            {
                report = ex.Report!;
                usedHere = report.Succeeded + report.Failed;
                cancelledHere = report.Branches.Count(b => b.Status == "cancelled");
                tokensHere = 0;
            }

            lock (sync)
            {
                wall += report.WallMs;
                correct += right ? 1 : 0;
                used += usedHere;
                started += usedHere + cancelledHere;
                cancelledTokens += tokensHere;
            }
        }).ConfigureAwait(false);

        return new Totals(wall, correct, used, started, cancelledTokens, questions.Count);
    }
}
