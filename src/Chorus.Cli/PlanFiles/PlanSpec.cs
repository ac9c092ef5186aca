using Chorus.Aggregation;
using Chorus.Estimation;
using Chorus.Voting;

namespace Chorus.Cli.PlanFiles;

/// <summary>A plan file, read and checked, before any client exists: so every mistake is reported (exit 1) before a call is made.</summary>
internal sealed record PlanSpec(
    string Name,
    AggregatorSpec Aggregator,
    FailurePolicy FailurePolicy,
    int? MaxConcurrency,
    TimeSpan? BranchTimeout,
    TimeSpan? Deadline,
    IReadOnlyDictionary<string, ModelPrice> Prices,
    IReadOnlyList<BranchSpec> Branches)
{
    /// <summary>Gets the plan's <c>hedge:</c> (on or off), or <see langword="null"/> for the configured default.</summary>
    public bool? Hedge { get; init; }

    /// <summary>Gets the plan's <c>attempt_timeout_s:</c>, or <see langword="null"/> for the configured default (adaptive).</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Every model the plan names, for pricing simulated runs.</summary>
    public IReadOnlyCollection<string> Models =>
    [
        .. Branches.SelectMany(b => new[] { b.Model, b.FallbackModel }).Concat(Aggregator.Jurors.Select(j => j.Model)).Append(Aggregator.JudgeModel)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase),
    ];
}

/// <summary>One branch of a plan file (after <c>repeat</c> is expanded).</summary>
internal sealed record BranchSpec(string Label, string Prompt, string? System, string? Model, float? Temperature, int? MaxTokens, string? FallbackModel);

/// <summary>A juror of a plan file's jury.</summary>
internal sealed record JurorSpec(string Label, string Aspect, string? Model, double Weight);

/// <summary>The aggregator of a plan file and its settings; only the ones its type uses are set.</summary>
internal sealed record AggregatorSpec(string Type)
{
    public MajorityTieRule? TieRule { get; init; }

    public bool? SettleEarly { get; init; }

    public string? Separator { get; init; }

    public string? SectionFormat { get; init; }

    public string? Task { get; init; }

    public JuryCombine? Combine { get; init; }

    public int? Seed { get; init; }

    public IReadOnlyList<JurorSpec> Jurors { get; init; } = [];

    public JudgeMode? JudgeMode { get; init; }

    public string? JudgeModel { get; init; }

    public string? GuardLabel { get; init; }

    public bool? FailOpen { get; init; }
}
