namespace Chorus;

/// <summary>A runner's options, validated and copied once.</summary>
internal sealed record RunnerSettings(TimeProvider Time, PriceTable Prices, bool UseStreaming, Action<TimelineEvent>? OnEvent)
{
    public static RunnerSettings From(PlanRunnerOptions? options) => new(
        options?.TimeProvider ?? TimeProvider.System,
        options?.Prices ?? PriceTable.Empty,
        options?.UseStreaming ?? false,
        options?.OnEvent);
}
