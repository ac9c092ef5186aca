namespace Chorus.TestKit;

/// <summary>A test aggregator that records what it was given and settles when told to.</summary>
public sealed class RecordingAggregator(Func<IReadOnlyList<BranchOutcome>, bool>? settle = null, Func<AggregationContext, CancellationToken, Task<string>>? complete = null)
    : IAggregator<string>
{
    public List<BranchOutcome> Added { get; } = [];

    private Func<IReadOnlyList<BranchOutcome>, bool>? Settle { get; } = settle;

    private Func<AggregationContext, CancellationToken, Task<string>>? Complete { get; } = complete;

    public string Name => "recording";

    public IAggregation<string> Begin(int branchCount) => new Run(this);

    private sealed class Run(RecordingAggregator owner) : IAggregation<string>
    {
        private readonly HashSet<int> _seen = [];

        public bool Add(BranchOutcome outcome)
        {
            if (!_seen.Add(outcome.Index))
            {
                throw new InvalidOperationException($"Branch {outcome.Index} was added twice.");
            }

            lock (owner.Added)
            {
                owner.Added.Add(outcome);
                return owner.Settle?.Invoke(owner.Added) ?? false;
            }
        }

        public async Task<AggregationResult<string>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default)
        {
            string value = owner.Complete is null
                ? string.Join(",", context.Outcomes.Where(o => o.Succeeded).Select(o => o.Text))
                : await owner.Complete(context, cancellationToken);
            return new AggregationResult<string>(value, new AggregationDecision("recording", $"joined {context.Outcomes.Count}"));
        }
    }
}
