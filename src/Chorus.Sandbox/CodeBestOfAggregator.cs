using Microsoft.Extensions.AI;

namespace Chorus.Sandbox;

/// <summary>
/// Best-of-N code generation: extracts the code from every successful branch, runs the caller's tests against it in a <see cref="CodeSandbox"/>,
/// and ranks the candidates: passing first, then median runtime over repeated runs, then an optional model review.
/// </summary>
/// <remarks>
/// Immutable configuration, safe to share across plans and runs; each run gets fresh state from <see cref="Begin"/>. Candidates are tested
/// one at a time in branch order, so their timings do not disturb each other. Every candidate's outcome is in the decision's evidence.
/// Completing throws <see cref="AggregationException"/> when no branch succeeded or no candidate passed (the message lists every outcome).
/// </remarks>
public sealed class CodeBestOfAggregator : IAggregator<CodeBestOfResult>
{
    /// <summary>Initializes a new aggregator.</summary>
    /// <param name="options">The tests, language, measuring and review. Copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="CodeBestOfOptions.Tests"/> is blank.</exception>
    public CodeBestOfAggregator(CodeBestOfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Tests))
        {
            throw new ArgumentException($"{nameof(CodeBestOfOptions.Tests)} must hold the tests to run against every candidate; it was blank.", nameof(options));
        }

        Tests = options.Tests;
        Language = options.Language;
        Repetitions = options.Repetitions;
        RuntimeTolerance = options.RuntimeTolerance;
        Sandbox = options.Sandbox ?? new CodeSandbox();
        Reviewer = options.Reviewer;
        ReviewOptions = options.ReviewOptions?.Clone();
        Task = options.Task;
    }

    /// <summary>Gets the strategy's name: <c>best-of-code</c>.</summary>
    public string Name => "best-of-code";

    internal string Tests { get; }

    internal CodeLanguage Language { get; }

    internal int Repetitions { get; }

    internal double RuntimeTolerance { get; }

    internal CodeSandbox Sandbox { get; }

    internal IChatClient? Reviewer { get; }

    internal ChatOptions? ReviewOptions { get; }

    internal string? Task { get; }

    /// <inheritdoc/>
    public IAggregation<CodeBestOfResult> Begin(int branchCount) => new CodeBestOfAggregation(this, branchCount);
}
