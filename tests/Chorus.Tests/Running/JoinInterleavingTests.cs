using System.Globalization;
using Chorus.TestKit;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Reporting;
using Chorus.Running;
using Chorus.Voting;

namespace Chorus.Tests.Running;

/// <summary>
/// Issue 12's proof for the join: thousands of seeded runs in which branches finish in random orders, land together,
/// fail, ignore a late cancellation (their answer was already in hand), hit the spend cap, or see the caller cancel;
/// for every counting aggregator and failure policy, every finished outcome is counted exactly once and the numbers
/// match a brute-force recount.
/// </summary>
public class JoinInterleavingTests
{
    private const int SeedsPerCase = 250;
    private static readonly ModelPrice Price = new(1m, 2m);

    private enum Kind
    {
        Answer,
        Fault,
        NoAnswer,
        Landed,
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string aggregator in new[] { "vote-overtake", "vote-fixed", "vote-adaptive", "vote-window", "majority", "union", "concat" })
        {
            foreach (string policy in new[] { "best-effort", "fail-fast", "quorum" })
            {
                data.Add(aggregator, policy);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_RandomInterleavings_EveryFinishedOutcomeCountedOnceAndNumbersExact(string aggregator, string policy)
    {
        int caseSeed = StableHash(aggregator + "/" + policy);
        int landedTogether = 0;
        for (int s = 0; s < SeedsPerCase; s++)
        {
            int seed = caseSeed + (s * 7919);
            landedTogether += aggregator switch
            {
                "union" => await RunOneAsync(seed, Aggregators.Union(), policy, null),
                "concat" => await RunOneAsync(seed, Aggregators.Concat(), policy, null),
                "majority" => await RunOneAsync(seed, Aggregators.Majority(), policy, r => CheckVote(r, ballots: false)),
                _ => await RunOneAsync(seed, Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = Rule(aggregator) }), policy, r => CheckVote(r, ballots: true, exactConfidence: aggregator != "vote-adaptive")),
            };
        }

        Assert.True(landedTogether > SeedsPerCase / 4, $"only {landedTogether} simultaneous landings: the harness is not exercising the race");
    }

    private static IStoppingRule Rule(string name) => name switch
    {
        "vote-overtake" => StoppingRules.CannotBeOvertaken(),
        "vote-fixed" => StoppingRules.Fixed(3),
        "vote-window" => StoppingRules.Window(2),
        _ => StoppingRules.Adaptive(0.8),
    };

    private static async Task<int> RunOneAsync<T>(int seed, IAggregator<T> inner, string policyName, Action<(T Value, IReadOnlyList<BranchOutcome> Outcomes, AggregationDecision Decision)>? check)
    {
        var random = new Random(seed);
        int n = random.Next(1, 9);
        int concurrency = random.Next(1, n + 1);
        var kinds = new Kind[n];
        var answers = new int[n];
        for (int i = 0; i < n; i++)
        {
            int roll = random.Next(10);
            kinds[i] = roll < 6 ? Kind.Answer : roll == 6 ? Kind.Fault : roll == 7 ? Kind.NoAnswer : Kind.Landed;
            answers[i] = random.Next(4) switch { 0 or 1 => 390, 2 => 391, _ => 392 };
        }

        FailurePolicy policy = policyName switch
        {
            "fail-fast" => FailurePolicy.FailFast,
            "quorum" => FailurePolicy.Quorum(random.Next(1, n + 1)),
            _ => FailurePolicy.BestEffort,
        };
        // Each branch's estimate is 26 tokens (6 in, at most 20 out); what it really spends is 13 to 20.
        long? maxTokens = random.Next(10) < 3 ? random.Next(26, (26 * n) + 1) : null;
        int cancelAt = random.Next(10) == 0 ? random.Next(n) : -1;

        var scheduler = new InterleavingScheduler(seed, n, concurrency);
        using var caller = new CancellationTokenSource();
        var paid = new List<(int Index, long In, long Out)>();
        var client = new ScriptedChatClient(async (m, _, ct) =>
        {
            int i = int.Parse(m.Last().Text.Split(' ')[1], CultureInfo.InvariantCulture);
            {
                if (i == cancelAt)
                {
                    await caller.CancelAsync();
                }

                // A landed answer is already in hand: a cancellation that comes now cannot take it back.
                await scheduler.WaitForReleaseAsync(i, kinds[i] == Kind.Landed ? CancellationToken.None : ct);
                if (kinds[i] == Kind.Fault)
                {
                    throw new InvalidOperationException($"fault in {i}");
                }

                long input = 10 + i, output = 3 + (i % 8);
                lock (paid)
                {
                    paid.Add((i, input, output));
                }

                return ScriptedChatClient.Reply(kinds[i] == Kind.NoAnswer ? string.Empty : $"The answer is {answers[i]}", input, output);
            }
        });

        var counting = new CountingAggregator<T>(inner);
        var branches = Enumerable.Range(0, n).Select(i => new Branch($"s{i}", client, $"prompt {i}", new ChatOptions { MaxOutputTokens = 20 }));
        var plan = new Plan<T>("interleaved", branches, counting, policy, new RunLimits { MaxConcurrency = concurrency, MaxTokens = maxTokens });
        var runner = new PlanRunner(new PlanRunnerOptions
        {
            TimeProvider = new ManualTimeProvider(),
            Prices = new PriceTable([new("scripted", Price)]),
            OnEvent = e =>
            {
                if (e.Stage == RunStages.Main && e.Branch is { } label && e.Kind is TimelineEventKind.Succeeded or TimelineEventKind.Failed or TimelineEventKind.TimedOut or TimelineEventKind.Cancelled or TimelineEventKind.Skipped)
                {
                    scheduler.Ended(int.Parse(label[1..], CultureInfo.InvariantCulture));
                }
                else if (e.Stage == RunStages.Main && e.Branch is { } waiting && e.Kind == TimelineEventKind.CapWait)
                {
                    scheduler.Parked(int.Parse(waiting[1..], CultureInfo.InvariantCulture));
                }
            },
        });

        Task<RunResult<T>> run = runner.RunAsync(plan, caller.Token);
        RunResult<T>? result = null;
        IReadOnlyList<BranchOutcome> outcomes;
        RunReport report;
        try
        {
            await scheduler.DriveAsync(run, TimeSpan.FromSeconds(30));
            result = await run;
            (outcomes, report) = (result.Outcomes, result.Report);
        }
        catch (RunFailedException ex)
        {
            (outcomes, report) = (ex.Outcomes, ex.Report!);
        }
        catch (RunCanceledException ex)
        {
            (outcomes, report) = (ex.Outcomes, ex.Report!);
        }

        string context = $"seed {seed}: n={n} c={concurrency} policy={policy} cap={maxTokens} cancelAt={cancelAt} kinds=[{string.Join(',', kinds)}]";
        List<BranchOutcome> main = [.. outcomes.Where(o => o.Stage == RunStages.Main)];
        Assert.True(main.Select(o => o.Index).Order().SequenceEqual(Enumerable.Range(0, n)), $"one outcome per branch; {context}");

        // Every answer the provider delivered is a succeeded branch with exactly that usage, and the other way round;
        // the report's totals are the sums over every branch (work that was cancelled or failed is charged at its estimate).
        int[] paidIndexes;
        lock (paid)
        {
            paidIndexes = [.. paid.Select(p => p.Index).Order()];
            foreach ((int index, long input, long output) in paid)
            {
                BranchOutcome o = main.Single(x => x.Index == index);
                Assert.Equal((input, output), (o.Usage!.InputTokenCount!.Value, o.Usage.OutputTokenCount!.Value));
            }
        }

        Assert.Equal(outcomes.Sum(o => o.Usage?.InputTokenCount ?? 0), report.InputTokens);
        Assert.Equal(outcomes.Sum(o => o.Usage?.OutputTokenCount ?? 0), report.OutputTokens);
        Assert.Equal(report.InputTokens + report.OutputTokens, report.TotalTokens);
        Assert.Equal(
            outcomes.Sum(o => (Price.InputPerMillion * (o.Usage?.InputTokenCount ?? 0) / 1_000_000m) + (Price.OutputPerMillion * (o.Usage?.OutputTokenCount ?? 0) / 1_000_000m)),
            report.Cost);
        Assert.True(paidIndexes.SequenceEqual(main.Where(o => o.Succeeded).Select(o => o.Index)), $"paid answers are the succeeded branches; {context}");
        Assert.Equal(main.Count(o => o.Succeeded), report.Succeeded);

        if (caller.IsCancellationRequested)
        {
            return scheduler.SimultaneousLandings > 0 ? 1 : 0;
        }

        // Counted exactly once: the aggregator saw each finished outcome once, and nothing the stop ended.
        int[] counted = [.. counting.Added.Order()];
        Assert.True(counted.Distinct().Count() == counted.Length, $"an outcome was counted twice; {context}");
        int[] expected = [.. main.Where(MainStageDecisions<T>.IsCounted).Select(o => o.Index).Order()];
        Assert.True(expected.SequenceEqual(counted), $"counted [{string.Join(',', counted)}], finished [{string.Join(',', expected)}]; {context}");
        Assert.All(main.Where(o => o.Succeeded), o => Assert.Contains(o.Index, counted));

        if (policy.Kind == FailurePolicyKind.Quorum && result is not null)
        {
            Assert.True(main.Count(o => o.Succeeded) >= policy.RequiredSuccesses, $"a run reported ok below its quorum; {context}");
        }

        if (result is not null && check is not null)
        {
            check((result.Value, main, result.Decision));
        }

        return scheduler.SimultaneousLandings > 0 ? 1 : 0;
    }

    private static void CheckVote<T>((T Value, IReadOnlyList<BranchOutcome> Outcomes, AggregationDecision Decision) r, bool ballots, bool exactConfidence = true)
    {
        var vote = (VoteResult)(object)r.Value!;
        List<BranchOutcome> counted = [.. r.Outcomes.Where(MainStageDecisions<T>.IsCounted)];
        List<string> keys = [.. counted.Where(o => o.Succeeded && !string.IsNullOrEmpty(o.Text)).Select(o => o.Text!["The answer is ".Length..])];

        // Brute-force recount from the outcomes themselves.
        Assert.Equal(keys.Count, vote.ValidVotes);
        Assert.Equal(keys.Count(k => k == vote.NormalizedAnswer), vote.Votes);
        Assert.Equal(keys.GroupBy(k => k).Max(g => g.Count()), vote.Votes);
        Assert.Equal(counted.Count - keys.Count, vote.Abstentions);
        Assert.Equal((double)vote.Votes / vote.ValidVotes, vote.Share, 12);
        if (exactConfidence)
        {
            Assert.Equal((double)vote.Votes / vote.ValidVotes, vote.Confidence, 12);
        }

        Assert.Contains($"won {vote.Votes} of {vote.ValidVotes} votes", r.Decision.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Decision.Evidence, e => e.Key == "samples/late");
        if (ballots)
        {
            Assert.Equal(counted.Select(o => o.Index), vote.Ballots.Select(b => b.Index));
            Assert.Equal(r.Outcomes.Count(o => o.Status == BranchStatus.Cancelled), vote.SamplesCancelled);
            Assert.Equal(r.Outcomes.Count(o => o.Status == BranchStatus.Skipped && o.Error is not SpendCapException), vote.SamplesSkipped);
            Assert.Equal(r.Outcomes.Count, vote.Ballots.Count + vote.SamplesCancelled + vote.SamplesSkipped);
        }
    }

    private static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x3FFFFFFF;
    }

    /// <summary>Wraps an aggregator and records every outcome index it is given.</summary>
    private sealed class CountingAggregator<T>(IAggregator<T> inner) : IAggregator<T>
    {
        private readonly List<int> _added = [];

        public string Name => inner.Name;

        public IReadOnlyList<int> Added
        {
            get
            {
                lock (_added)
                {
                    return [.. _added];
                }
            }
        }

        public IAggregation<T> Begin(int branchCount) => new Counting(inner.Begin(branchCount), _added);

        private sealed class Counting(IAggregation<T> aggregation, List<int> added) : IAggregation<T>
        {
            public bool Add(BranchOutcome outcome)
            {
                lock (added)
                {
                    added.Add(outcome.Index);
                }

                return aggregation.Add(outcome);
            }

            public Task<AggregationResult<T>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default) =>
                aggregation.CompleteAsync(context, cancellationToken);
        }
    }
}
