using Chorus.Voting;

namespace Chorus.Tests.Voting;

/// <summary>Checks the majority vote against an independent, naive count over many seeded random vote sequences.</summary>
public sealed class MajorityVoteBruteForceTests
{
    private const string NoWinner = "<none>";
    private const string Tie = "<tie>";

    [Theory]
    [InlineData(MajorityTieRule.FirstToReach, 1)]
    [InlineData(MajorityTieRule.LowestBranchIndex, 2)]
    [InlineData(MajorityTieRule.NoDecision, 3)]
    public async Task CompleteAsync_RandomVotes_MatchesNaiveCount(MajorityTieRule rule, int seed)
    {
        var random = new Random(seed);
        IAggregator<VoteResult> aggregator = Aggregators.Majority(new() { TieRule = rule, SettleWhenDecided = false });
        for (int round = 0; round < 500; round++)
        {
            List<Vote> arrivals = RandomArrivals(random, maxBranches: 12);
            IAggregation<VoteResult> aggregation = aggregator.Begin(arrivals.Count);
            foreach (Vote vote in arrivals)
            {
                Assert.False(aggregation.Add(vote.Outcome));
            }

            string expected = NaiveWinner(arrivals.Select(v => (v.Index, v.Answer)), rule);
            Task<AggregationResult<VoteResult>> complete = aggregation.CompleteAsync(new AggregationContext([.. arrivals.Select(v => v.Outcome).OrderBy(o => o.Index)]));
            if (expected is NoWinner or Tie)
            {
                var ex = await Assert.ThrowsAsync<AggregationException>(() => complete);
                Assert.StartsWith(expected == Tie ? "The vote is tied" : "No branch produced an answer", ex.Message, StringComparison.Ordinal);
                continue;
            }

            VoteResult result = (await complete).Value;
            var counts = arrivals.Where(v => v.Answer is not null).GroupBy(v => v.Answer!).ToDictionary(g => g.Key, g => g.Count());
            int valid = counts.Values.Sum();
            int runnerUp = counts.Where(c => c.Key != expected).Select(c => c.Value).DefaultIfEmpty(0).Max();
            Assert.Equal(expected, result.NormalizedAnswer);
            Assert.Equal(counts[expected], result.Votes);
            Assert.Equal(valid, result.ValidVotes);
            Assert.Equal(arrivals.Count - valid, result.Abstentions);
            Assert.Equal((double)counts[expected] / valid, result.Share, 12);
            Assert.Equal((double)(counts[expected] - runnerUp) / valid, result.Margin, 12);
            Assert.Equal(arrivals.Where(v => v.Answer == expected).Min(v => v.Index), arrivals.Single(v => v.Outcome.Response == result.Response).Index);
        }
    }

    [Theory]
    [InlineData(MajorityTieRule.FirstToReach, 11)]
    [InlineData(MajorityTieRule.LowestBranchIndex, 12)]
    [InlineData(MajorityTieRule.NoDecision, 13)]
    public void Add_RandomVotes_SettlesExactlyWhenNoCompletionCanChangeWinner(MajorityTieRule rule, int seed)
    {
        var random = new Random(seed);
        IAggregator<VoteResult> aggregator = Aggregators.Majority(new() { TieRule = rule });
        int settledSeen = 0;
        for (int round = 0; round < 150; round++)
        {
            List<Vote> arrivals = RandomArrivals(random, maxBranches: 5);
            IAggregation<VoteResult> aggregation = aggregator.Begin(arrivals.Count);
            for (int k = 0; k < arrivals.Count; k++)
            {
                bool settled = aggregation.Add(arrivals[k].Outcome);
                bool expected = NaiveSettled(arrivals.Take(k + 1).Select(v => (v.Index, v.Answer)).ToList(), arrivals.Count, rule);
                Assert.True(expected == settled, $"round {round}, after {k + 1} of {Describe(arrivals)}: expected settled={expected}");
                settledSeen += settled ? 1 : 0;
            }
        }

        Assert.True(settledSeen > 50, $"The random inputs settled only {settledSeen} times; the test would prove little.");
    }

    [Theory]
    [InlineData(MajorityTieRule.FirstToReach, 21)]
    [InlineData(MajorityTieRule.LowestBranchIndex, 22)]
    [InlineData(MajorityTieRule.NoDecision, 23)]
    public async Task CompleteAsync_RandomVotesStoppedAtSettle_WinnerMatchesFullCount(MajorityTieRule rule, int seed)
    {
        var random = new Random(seed);
        IAggregator<VoteResult> aggregator = Aggregators.Majority(new() { TieRule = rule });
        int stoppedEarly = 0;
        for (int round = 0; round < 500; round++)
        {
            List<Vote> arrivals = RandomArrivals(random, maxBranches: 12);
            IAggregation<VoteResult> aggregation = aggregator.Begin(arrivals.Count);
            int fed = 0;
            while (fed < arrivals.Count && !aggregation.Add(arrivals[fed++].Outcome))
            {
            }

            stoppedEarly += fed < arrivals.Count ? 1 : 0;
            string expected = NaiveWinner(arrivals.Select(v => (v.Index, v.Answer)), rule);
            Task<AggregationResult<VoteResult>> complete = aggregation.CompleteAsync(new AggregationContext([.. arrivals.Select(v => v.Outcome).OrderBy(o => o.Index)]));
            if (expected is NoWinner or Tie)
            {
                Assert.Equal(arrivals.Count, fed);
                await Assert.ThrowsAsync<AggregationException>(() => complete);
            }
            else
            {
                Assert.Equal(expected, (await complete).Value.NormalizedAnswer);
            }
        }

        Assert.True(stoppedEarly > 100, $"Only {stoppedEarly} runs settled early; the test would prove little.");
    }

    /// <summary>Whether every way the remaining branches could vote (abstain, any existing answer, any new answer) gives the same winner.</summary>
    private static bool NaiveSettled(List<(int Index, string? Answer)> prefix, int branchCount, MajorityTieRule rule)
    {
        int[] remaining = [.. Enumerable.Range(0, branchCount).Where(i => prefix.All(p => p.Index != i))];
        List<string?> choices = [null, .. prefix.Where(p => p.Answer is not null).Select(p => p.Answer).Distinct(), .. remaining.Select(i => "new" + i)];
        string? only = null;
        var completion = new int[remaining.Length];
        while (true)
        {
            var arrivals = new List<(int, string?)>(prefix);
            for (int i = 0; i < remaining.Length; i++)
            {
                arrivals.Add((remaining[i], choices[completion[i]]));
            }

            string winner = NaiveWinner(arrivals, rule);
            if (winner is NoWinner or Tie || (only is not null && only != winner))
            {
                return false;
            }

            only = winner;
            int digit = 0;
            while (digit < completion.Length && ++completion[digit] == choices.Count)
            {
                completion[digit++] = 0;
            }

            if (digit == completion.Length)
            {
                return true;
            }
        }
    }

    /// <summary>The winner by plain counting: most votes; ties by the rule. Arrivals are in the order the votes came in.</summary>
    private static string NaiveWinner(IEnumerable<(int Index, string? Answer)> arrivals, MajorityTieRule rule)
    {
        var list = arrivals.ToList();
        var counts = new Dictionary<string, int>();
        foreach ((_, string? answer) in list)
        {
            if (answer is not null)
            {
                counts[answer] = counts.GetValueOrDefault(answer) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return NoWinner;
        }

        int max = counts.Values.Max();
        List<string> tied = [.. counts.Where(c => c.Value == max).Select(c => c.Key)];
        if (tied.Count == 1)
        {
            return tied[0];
        }

        switch (rule)
        {
            case MajorityTieRule.LowestBranchIndex:
                return tied.MinBy(a => list.Where(v => v.Answer == a).Min(v => v.Index))!;
            case MajorityTieRule.FirstToReach:
                return tied.MinBy(a =>
                {
                    int seen = 0;
                    for (int position = 0; position < list.Count; position++)
                    {
                        if (list[position].Answer == a && ++seen == max)
                        {
                            return position;
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                })!;
            default:
                return Tie;
        }
    }

    /// <summary>Random branches in a random arrival order; a fifth abstain (failure or nothing extractable); answers vary in case, spacing and punctuation.</summary>
    private static List<Vote> RandomArrivals(Random random, int maxBranches)
    {
        int count = random.Next(1, maxBranches + 1);
        int distinct = random.Next(1, 5);
        var votes = new List<Vote>(count);
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(10);
            if (roll < 1)
            {
                BranchStatus status = (BranchStatus)random.Next(1, 5);
                votes.Add(new Vote(i, null, TestOutcomes.Failed(i, status: status)));
            }
            else if (roll < 2)
            {
                votes.Add(new Vote(i, null, TestOutcomes.Ok(i, " \n ")));
            }
            else
            {
                string answer = ((char)('a' + random.Next(distinct))).ToString();
                string text = random.Next(4) switch
                {
                    0 => answer,
                    1 => $"  {answer.ToUpperInvariant()}. ",
                    2 => $"Hmm. The answer is {answer}!",
                    _ => answer + "?",
                };
                votes.Add(new Vote(i, answer, TestOutcomes.Ok(i, text)));
            }
        }

        return [.. votes.OrderBy(_ => random.Next())];
    }

    private static string Describe(List<Vote> arrivals) =>
        string.Join(" ", arrivals.Select(v => $"{v.Index}:{v.Answer ?? "-"}")) + $" (n={arrivals.Count})";

    private sealed record Vote(int Index, string? Answer, BranchOutcome Outcome);
}
