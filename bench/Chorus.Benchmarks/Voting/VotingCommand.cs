using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chorus.Voting;

namespace Chorus.Benchmarks.Voting;

/// <summary>
/// Replays recorded real model outputs through the vote aggregator: first-sample accuracy, majority@N (checked against an
/// independent count), and for each stopping rule its accuracy and samples used over fixed permutation seeds (mean ± sd), plus
/// the wall time of each rule against majority@N through the runner at concurrency 8 with the simulator's latency.
/// </summary>
internal static class VotingCommand
{
    private static readonly Func<string, string> Normalize = AnswerNormalizers.Default;

    public static async Task<int> RunAsync(string? dataPath, int seeds, string? jsonPath, int wallQuestions, double latencyScale, string? strategy, int showDisagreements = 0)
    {
        if (dataPath is null || !File.Exists(dataPath))
        {
            Console.Error.WriteLine($"voting: --data must name an existing JSONL file, was '{dataPath}'.");
            return 1;
        }

        long started = Stopwatch.GetTimestamp();
        (string name, List<VotingQuestion> questions) = VotingDataset.Load(dataPath, strategy);
        if (strategy is not null)
        {
            name += "/" + strategy;
        }

        int maxN = questions.Max(q => q.Texts.Length);
        double meanN = questions.Average(q => q.Texts.Length);
        (string Name, IStoppingRule Rule)[] rules =
        [
            ("majority@N", StoppingRules.Fixed(maxN)),
            ("cannot-be-overtaken", StoppingRules.CannotBeOvertaken()),
            ("esc-window(5)", StoppingRules.Window(5)),
            ("adaptive-beta(0.95)", StoppingRules.Adaptive(0.95)),
            ("adaptive-dirichlet(0.95)", StoppingRules.Adaptive(0.95, AdaptiveModel.Dirichlet)),
        ];

        // Recorded order: first sample, majority@N on our extraction, on the dataset's answers, and by an independent count.
        IAggregator<VoteResult> majority = Vote(StoppingRules.Fixed(maxN), AnswerExtractors.Auto);
        IAggregator<VoteResult> majorityOfRecorded = Vote(StoppingRules.Fixed(maxN), AnswerExtractors.WholeText);
        IAggregator<VoteResult> firstOnly = Vote(StoppingRules.Fixed(1), AnswerExtractors.Auto);
        int shown = 0;
        int first = 0, major = 0, majorRecorded = 0, independent = 0, agree = 0, compared = 0;
        var scoreboard = new VoterScoreboard(Normalize);
        foreach (VotingQuestion question in questions)
        {
            int[] identity = OfflineVote.Identity(question.Texts.Length);
            first += Correct(OfflineVote.Run(firstOnly, question, identity).Result, question) ? 1 : 0;
            VoteResult? full = OfflineVote.Run(majority, question, identity).Result;
            major += Correct(full, question) ? 1 : 0;
            majorRecorded += Correct(RecordedVote(majorityOfRecorded, question), question) ? 1 : 0;
            independent += OfflineVote.IndependentMajorityIsCorrect(question) ? 1 : 0;
            if (full is not null && question.Voters is not null)
            {
                scoreboard.Record(full, question.Gold);
            }

            for (int i = 0; i < question.Texts.Length; i++)
            {
                string? ours = question.Texts[i] is { } text && AnswerExtractors.Auto(text) is { } answer ? Normalize(answer) : null;
                string? theirs = question.RecordedAnswers[i] is { } recorded ? Normalize(recorded) : null;
                agree += ours == theirs ? 1 : 0;
                compared++;
                if (ours != theirs && shown < showDisagreements)
                {
                    shown++;
                    Console.WriteLine($"  disagreement {question.Id}: ours={ours ?? "(none)"} theirs={theirs ?? "(none)"} text=…{Tail(question.Texts[i])}");
                }
            }
        }

        // Permuted orders: every rule over every seed.
        var accuracy = new double[rules.Length, seeds];
        var samples = new double[rules.Length, seeds];
        var firstPermuted = new double[seeds];
        for (int s = 0; s < seeds; s++)
        {
            var perRule = rules.Select(r => Vote(r.Rule, AnswerExtractors.Auto)).ToArray();
            int[] correct = new int[rules.Length];
            long[] used = new long[rules.Length];
            int firstRight = 0;
            for (int q = 0; q < questions.Count; q++)
            {
                VotingQuestion question = questions[q];
                int[] order = OfflineVote.Permutation(question.Texts.Length, s, q);
                firstRight += Correct(OfflineVote.Run(firstOnly, question, order).Result, question) ? 1 : 0;
                for (int r = 0; r < rules.Length; r++)
                {
                    (VoteResult? result, int n) = OfflineVote.Run(perRule[r], question, order);
                    correct[r] += Correct(result, question) ? 1 : 0;
                    used[r] += n;
                }
            }

            firstPermuted[s] = Percent(firstRight, questions.Count);
            for (int r = 0; r < rules.Length; r++)
            {
                accuracy[r, s] = Percent(correct[r], questions.Count);
                samples[r, s] = (double)used[r] / questions.Count;
            }
        }

        // Wall time at concurrency 8 through the runner, seed 0's order, every rule against majority@N measured in the same process.
        const int Concurrency = 8;
        // Evenly spaced, not the first ones: recorded files are often sorted (the GSM8K file puts its hardest questions first).
        int step = Math.Max(1, questions.Count / Math.Max(1, wallQuestions));
        List<VotingQuestion> wallSet = [.. questions.Where((_, i) => i % step == 0).Take(wallQuestions)];
        var walls = new WallClockRun.Totals[rules.Length];
        for (int r = 0; r < rules.Length; r++)
        {
            walls[r] = await WallClockRun.RunAsync(wallSet, rules[r].Rule, seed: 0, Concurrency, latencyScale, parallelQuestions: 50, Normalize);
        }

        var rows = new List<RuleRow>(rules.Length);
        for (int r = 0; r < rules.Length; r++)
        {
            double[] acc = Row(accuracy, r);
            double[] smp = Row(samples, r);
            WallClockRun.Totals wall = walls[r];
            rows.Add(new RuleRow(rules[r].Name, Round(acc.Average()), Round(Sd(acc)), Round(smp.Average()), Round(wall.WallMs / walls[0].WallMs, 3))
            {
                MeanSamplesSd = Round(Sd(smp)),
                SampleRatio = Round(smp.Average() / meanN, 3),
                WallAccuracy = Round(Percent(wall.Correct, wall.Questions)),
                WallMeanUsed = Round((double)wall.Used / wall.Questions),
                WallMeanStarted = Round((double)wall.Started / wall.Questions),
                WallCancelledTokens = Round((double)wall.CancelledTokens / wall.Questions),
                WallMsPerQuestion = Round(wall.WallMs / wall.Questions),
            });
        }

        bool anyRaw = questions.Any(q => q.HasRawText);
        var report = new VotingReport(
            name, questions.Count, Round(meanN), Round(Percent(first, questions.Count)), Round(Percent(major, questions.Count)),
            anyRaw ? Round(Percent(agree, compared)) : null, rows)
        {
            Seeds = seeds,
            RawText = anyRaw,
            FirstSampleAccuracyPermuted = Round(firstPermuted.Average()),
            MajorityAccuracyRecordedAnswers = Round(Percent(majorRecorded, questions.Count)),
            MajorityAccuracyIndependent = Round(Percent(independent, questions.Count)),
            MajorityReproduced = majorRecorded == independent,
            WallQuestions = wallSet.Count,
            Concurrency = Concurrency,
            Voters = questions.Any(q => q.Voters is not null)
                ? [.. scoreboard.Voters().Select(v => new VoterRow(v.Voter, v.Samples, Round(100 * v.Accuracy)))]
                : null,
        };

        Print(report, Stopwatch.GetElapsedTime(started));
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, BenchJsonContext.Default.VotingReport));
        }

        return 0;
    }

    private static VoteResult? RecordedVote(IAggregator<VoteResult> aggregator, VotingQuestion question) =>
        OfflineVote.Run(aggregator, question with { Texts = question.RecordedAnswers }, OfflineVote.Identity(question.Texts.Length)).Result;

    private static IAggregator<VoteResult> Vote(IStoppingRule rule, Func<string, string?> extractor) => Aggregators.Vote(new VoteAggregatorOptions
    {
        StoppingRule = rule,
        AnswerExtractor = extractor,
        Normalizer = Normalize,
        TieRule = MajorityTieRule.LowestBranchIndex,
    });

    private static bool Correct(VoteResult? result, VotingQuestion question) =>
        result is not null && result.NormalizedAnswer == Normalize(question.Gold);

    private static string Tail(string? text) => text is null ? "(null)" : text.Length <= 160 ? text : text[^160..];

    private static double Percent(int count, int total) => total == 0 ? 0 : 100.0 * count / total;

    private static double[] Row(double[,] values, int row) => [.. Enumerable.Range(0, values.GetLength(1)).Select(s => values[row, s])];

    private static double Sd(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);

    private static void Print(VotingReport report, TimeSpan elapsed)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"voting on {report.Dataset}: {report.Questions} questions x {report.SamplesPerQuestion} samples, {report.Seeds} permutation seeds ({elapsed.TotalSeconds:F0} s)"));
        Console.WriteLine(string.Create(c, $"  first sample (recorded order)     {report.FirstSampleAccuracy,6:F2} %   (permuted, mean of seeds: {report.FirstSampleAccuracyPermuted:F2} %)"));
        Console.WriteLine(string.Create(c, $"  majority@N, our extractor         {report.MajorityAccuracy,6:F2} %"));
        Console.WriteLine(string.Create(c, $"  majority@N, dataset's answers     {report.MajorityAccuracyRecordedAnswers,6:F2} %   independent count {report.MajorityAccuracyIndependent:F2} %  reproduced: {(report.MajorityReproduced ? "yes" : "NO")}"));
        Console.WriteLine(report.ExtractorAgreement is { } a
            ? string.Create(c, $"  extractor agreement with answers[] {a,5:F2} %")
            : "  extractor agreement               n/a (no raw text recorded; the recorded answers are the texts)");
        Console.WriteLine(string.Create(c, $"  {"rule",-26} {"accuracy",16} {"samples",14} {"of N",6} {"wall/maj@N",11} {"c8 acc",7} {"c8 used",8} {"c8 started",11} {"c8 cancelled tok",17}"));
        foreach (RuleRow row in report.Rules)
        {
            Console.WriteLine(string.Create(c,
                $"  {row.Name,-26} {row.Accuracy,7:F2} ± {row.AccuracySd,5:F2} % {row.MeanSamples,6:F2} ± {row.MeanSamplesSd,4:F2} {row.SampleRatio,6:F3} {row.WallRatio,11:F3} {row.WallAccuracy,7:F2} {row.WallMeanUsed,8:F2} {row.WallMeanStarted,11:F2} {row.WallCancelledTokens,17:F1}"));
        }

        if (report.Voters is { } voters)
        {
            Console.WriteLine("  per-voter accuracy (gold labels): " + string.Join(", ", voters.Select(v => string.Create(c, $"{v.Voter} {v.Accuracy:F1} % ({v.Samples})"))));
        }
    }
}
