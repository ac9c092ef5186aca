namespace Chorus.Aggregation;

/// <summary>A guard branch runs beside the main answer and can veto it; a veto settles the run, which cancels the main call.</summary>
internal sealed class GuardAggregator(GuardOptions options) : IAggregator<GuardResult>
{
    private readonly string _guardLabel = options.GuardLabel;
    private readonly Func<string, bool> _isViolation = options.IsViolation;
    private readonly bool _failOpen = options.FailOpen;

    public string Name => "guard";

    public IAggregation<GuardResult> Begin(int branchCount) => new Aggregation(this, branchCount);

    private sealed class Aggregation(GuardAggregator owner, int branchCount) : AggregationBase<GuardResult>(branchCount)
    {
        private BranchOutcome? _guard;
        private BranchOutcome? _main;
        private string? _vetoReason;

        protected override bool OnAdded(BranchOutcome outcome)
        {
            if (outcome.Label == owner._guardLabel)
            {
                _guard = outcome;
                if (outcome.Succeeded && owner._isViolation(outcome.Text ?? string.Empty))
                {
                    _vetoReason = $"the guard refused: {outcome.Text?.Trim()}";
                }
                else if (!outcome.Succeeded && !owner._failOpen)
                {
                    _vetoReason = $"the guard {WireNames.Of(outcome.Status).Replace('_', ' ')} and the guard fails closed: {outcome.Error?.Message}";
                }

                // A veto settles at once, cancelling the main call; an all-clear settles once the answer is in too.
                return _vetoReason is not null || _main is not null;
            }

            _main ??= outcome;
            return _guard is not null;
        }

        protected override Task<AggregationResult<GuardResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
        {
            string verdict = _guard is null ? "the guard did not report"
                : _guard.Succeeded ? _guard.Text?.Trim() ?? string.Empty
                : $"guard {WireNames.Of(_guard.Status)}: {_guard.Error?.Message}";
            string mainStatus = _main is null ? "stopped before it finished" : WireNames.Of(_main.Status);
            if (_guard is null && !owner._failOpen)
            {
                _vetoReason = "the guard did not report and the guard fails closed";
            }

            DecisionEvidence[] evidence =
            [
                new("guard", _vetoReason is null ? 1 : 0, verdict),
                new("main", _main?.Succeeded == true ? 1 : 0, mainStatus),
            ];
            if (_vetoReason is not null)
            {
                var refused = new GuardResult(false, null, verdict, _vetoReason);
                var decision = new AggregationDecision("guard", $"refused: {_vetoReason} (main answer {mainStatus})", owner._guardLabel, 1, evidence);
                return Task.FromResult(new AggregationResult<GuardResult>(refused, decision));
            }

            if (_main is not { Succeeded: true } main)
            {
                throw new AggregationException(
                    _main is null ? "The guard allowed the answer but there is no main branch." : $"The guard allowed the answer but the main branch '{_main.Label}' {mainStatus}: {_main.Error?.Message}");
            }

            var allowed = new GuardResult(true, main.Text, verdict, $"the guard allowed it: {verdict}");
            return Task.FromResult(new AggregationResult<GuardResult>(allowed, new AggregationDecision("guard", $"allowed: {verdict}", main.Label, 1, evidence)));
        }
    }
}
