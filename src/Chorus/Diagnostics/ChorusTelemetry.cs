using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Chorus.Diagnostics;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>Chorus</c>, and the instruments on it.</summary>
/// <remarks>
/// Spans: <c>chorus.run</c> per run, <c>chorus.branch</c> per branch, and one client span per call named
/// <c>chat {model}</c> with the OpenTelemetry GenAI semantic-convention attributes. The source and meter are
/// immutable process-wide singletons, as in the BCL; listeners decide what is recorded.
/// </remarks>
public static class ChorusTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Chorus";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per call, by gen_ai.token.type.");

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of each model call.");

    internal static readonly Counter<long> Branches = Meter.CreateCounter<long>(
        "chorus.branches", "{branch}", "Branches finished, by chorus.branch.status.");

    internal static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "chorus.run.duration", "s", "Wall-clock duration of each run.");
}
