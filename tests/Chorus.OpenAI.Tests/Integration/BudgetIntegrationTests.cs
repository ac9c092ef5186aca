using Microsoft.Extensions.AI;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.OpenAI.Tests.Integration;

/// <summary>The scheduler and resilience middleware over real HTTP against the simulator's rate-limit headers and 429s.</summary>
public class BudgetIntegrationTests
{
    [Fact]
    public async Task WithScheduler_NoLimitsConfigured_LearnsThemFromTheSimulatorsHeaders()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o =>
        {
            o.RequestsPerMinute = 600;
            o.TokensPerMinute = 200_000;
        });
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { MaxConcurrency = 16, InitialConcurrency = 1 });
        IChatClient client = sim.Client.WithScheduler(scheduler);
        Assert.Equal(1, scheduler.ConcurrencyLimit);

        await client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 20 });

        Assert.Equal(600, scheduler.RequestsPerMinute);
        Assert.Equal(200_000, scheduler.TokensPerMinute);
        Assert.Equal(16, scheduler.ConcurrencyLimit);
    }

    [Fact]
    public async Task WithSchedulerAndResilience_Real429_CountedOnceAndCutsTheWindow()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o => o.RequestsPerMinute = 2);   // two at once, then one per 30 s
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { MaxConcurrency = 8, LearnLimitsFromHeaders = false });
        IChatClient client = sim.Client.WithScheduler(scheduler).WithResilience(new ResilienceOptions { MaxRetryAttempts = 0 });
        Branch[] branches = [.. Enumerable.Range(0, 3).Select(i => new Branch($"b{i}", client, $"q{i}"))];
        var plan = new Plan<int>("429", branches, new CountingAggregator(), limits: new RunLimits { MaxConcurrency = 1 });

        RunResult<int> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(2, result.Value);
        Assert.Equal(1, result.Report.Http429);
        BranchOutcome refused = Assert.Single(result.Outcomes, o => !o.Succeeded);
        Assert.Equal(429, Assert.Single(refused.Attempts).HttpStatus);
        Assert.NotNull(((ChatProviderException)refused.Error!).RetryAfter);
        // Two cuts of the window of 8: the second answer said x-ratelimit-remaining-requests: 0 (low: back off before the 429),
        // then the 429 itself.
        Assert.Equal(2, scheduler.ConcurrencyLimit);
    }

    private sealed class CountingAggregator : IAggregator<int>
    {
        public string Name => "count";

        public IAggregation<int> Begin(int branchCount) => new Counting();

        private sealed class Counting : IAggregation<int>
        {
            private int _count;

            public bool Add(BranchOutcome outcome)
            {
                _count += outcome.Succeeded ? 1 : 0;
                return false;
            }

            public Task<AggregationResult<int>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default) =>
                Task.FromResult(new AggregationResult<int>(_count, new AggregationDecision("count", $"{_count}")));
        }
    }
}
