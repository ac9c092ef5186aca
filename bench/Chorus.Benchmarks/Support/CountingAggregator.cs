namespace Chorus.Benchmarks.Support;

/// <summary>Counts successes and nothing else, so the overhead benchmark measures the runner, not an aggregator.</summary>
internal sealed class CountingAggregator : IAggregator<int>
{
    public string Name => "count";

    public IAggregation<int> Begin(int branchCount) => new Run();

    private sealed class Run : IAggregation<int>
    {
        private int _count;

        public bool Add(BranchOutcome outcome)
        {
            if (outcome.Succeeded)
            {
                _count++;
            }

            return false;
        }

        public Task<AggregationResult<int>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AggregationResult<int>(_count, new AggregationDecision("count", $"{_count} succeeded")));
    }
}
