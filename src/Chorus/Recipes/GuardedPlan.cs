using Chorus.Aggregation;

namespace Chorus.Recipes;

/// <summary>Builds a guarded plan for a <see cref="GuardMode"/>, so the branch order and concurrency match the mode.</summary>
internal static class GuardedPlan
{
    /// <summary>Creates a plan of a guard branch and a main branch joined by <see cref="Aggregators.Guarded"/>.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="guard">The guard branch; its label becomes <see cref="GuardOptions.GuardLabel"/>.</param>
    /// <param name="main">The main answer's branch; its label must differ from the guard's.</param>
    /// <param name="mode">Parallel (both at once) or blocking (guard first, alone).</param>
    /// <param name="options">The veto test and fail-open setting; <see langword="null"/> for the defaults. Copied; its guard label is ignored.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for the defaults. Copied; <see cref="RunLimits.MaxConcurrency"/> is set by the mode (2 or 1).</param>
    /// <returns>The plan: guard first, then main, fail-closed unless <see cref="GuardOptions.FailOpen"/>.</returns>
    /// <exception cref="ArgumentNullException">A branch is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is blank or the two branches share a label.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined <see cref="GuardMode"/>.</exception>
    public static Plan<GuardResult> Create(string name, Branch guard, Branch main, GuardMode mode = GuardMode.Parallel, GuardOptions? options = null, RunLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(main);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{nameof(mode)} must be a defined {nameof(GuardMode)}, was {mode}.");
        }

        if (string.Equals(guard.Label, main.Label, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The guard and the main branch share the label '{guard.Label}'; they must differ.", nameof(main));
        }

        var copy = new GuardOptions { GuardLabel = guard.Label, FailOpen = options?.FailOpen ?? false };
        if (options is not null)
        {
            copy.IsViolation = options.IsViolation;
        }

        RunLimits runLimits = (limits ?? new RunLimits()).Copy();
        runLimits.MaxConcurrency = mode == GuardMode.Blocking ? 1 : 2;
        return new Plan<GuardResult>(name, [guard, main], Aggregators.Guarded(copy), FailurePolicy.BestEffort, runLimits);
    }
}
