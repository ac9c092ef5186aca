using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>One judge of a jury: who it is, which model answers, which aspect it scores and how much its scores count.</summary>
/// <remarks>Immutable: <see cref="Options"/> is a clone of the options passed in, and each call gets a further clone.</remarks>
public sealed record Juror
{
    /// <summary>Initializes a new juror.</summary>
    /// <param name="label">The juror's name, unique within the jury, used as its branch label in the report.</param>
    /// <param name="client">The client that answers for this juror (one per model, or the same client for several aspects).</param>
    /// <param name="aspect">What the juror scores, for example <c>accuracy</c>, <c>logic</c> or <c>tone</c>; shown to it as <c>{aspect}</c>.</param>
    /// <param name="weight">How much the juror's scores count in <see cref="JuryCombine.Mean"/>, <see cref="JuryCombine.Median"/> and <see cref="JuryCombine.Majority"/>; positive and finite.</param>
    /// <param name="options">The options of the juror's call (for example the model); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> or <paramref name="aspect"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public Juror(string label, IChatClient client, string aspect, double weight = 1, ChatOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(aspect);
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The weight of juror '{label}' must be positive and finite, was {weight}.");
        }

        Label = label;
        Client = client;
        Aspect = aspect;
        Weight = weight;
        Options = options?.Clone();
    }

    /// <summary>Gets the juror's name, unique within the jury.</summary>
    public string Label { get; }

    /// <summary>Gets the client that answers for this juror.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the aspect the juror scores.</summary>
    public string Aspect { get; }

    /// <summary>Gets how much the juror's scores count.</summary>
    /// <value>The default is 1.</value>
    public double Weight { get; }

    /// <summary>Gets the options of the juror's call; <see langword="null"/> for none.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the rubric for <see cref="Aspect"/>: what a good answer looks like on it, shown to the juror as <c>{criteria}</c>.</summary>
    /// <value>The default is <see langword="null"/>: the prompt repeats the aspect's name. <see cref="JuryPanel.Create"/> sets it from a <see cref="RubricAspect"/>.</value>
    public string? Criteria { get; init; }
}
