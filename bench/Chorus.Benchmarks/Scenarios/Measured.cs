namespace Chorus.Benchmarks.Scenarios;

/// <summary>What one system did in one run: wall time, outcomes, each call's own duration, and the client-side retry/hedge counts.</summary>
internal sealed record Measured(double WallMs, int Ok, int Failed, IReadOnlyList<double> CallMs, long Retries, long Hedges);
