using Chorus.Estimation;
using Chorus.Journaling;
using Chorus.Reporting;

namespace Chorus.Running;

/// <summary>A runner's options, validated and copied once.</summary>
internal sealed record RunnerSettings(TimeProvider Time, PriceTable Prices, bool UseStreaming, Action<TimelineEvent>? OnEvent)
{
    public IBranchJournal? Journal { get; init; }

    public bool CacheDeterministic { get; init; }

    public int ExpectedOutputTokens { get; init; } = PlanEstimator.DefaultExpectedOutputTokens;

    public static RunnerSettings From(PlanRunnerOptions? options)
    {
        if (options is { CacheDeterministic: true, Journal: null })
        {
            throw new ArgumentException(
                $"{nameof(PlanRunnerOptions.CacheDeterministic)} needs a {nameof(PlanRunnerOptions.Journal)} to serve cached answers from; set one or turn cache mode off.",
                nameof(options));
        }

        return new(
            options?.TimeProvider ?? TimeProvider.System,
            options?.Prices ?? PriceTable.Empty,
            options?.UseStreaming ?? false,
            options?.OnEvent)
        {
            Journal = options?.Journal,
            CacheDeterministic = options?.CacheDeterministic ?? false,
            ExpectedOutputTokens = options?.ExpectedOutputTokens ?? PlanEstimator.DefaultExpectedOutputTokens,
        };
    }
}
