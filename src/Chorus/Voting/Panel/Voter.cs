using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>One member of a voting panel: a model, a prompt variant, or both, with a weight.</summary>
/// <remarks>Immutable: the options are cloned when the voter is created.</remarks>
public sealed class Voter
{
    /// <summary>Initializes a voter.</summary>
    /// <param name="label">A short name, unique within the panel, shown in reports and scoreboards.</param>
    /// <param name="client">The client that answers for this voter.</param>
    /// <param name="prompt">
    /// This voter's prompt; <c>{question}</c> in it is replaced by the vote's prompt. <see langword="null"/> sends the vote's prompt as is.
    /// </param>
    /// <param name="options">This voter's call options (for example its model); <see langword="null"/> uses <see cref="VoteOptions.ChatOptions"/>.</param>
    /// <param name="weight">The weight of each of this voter's votes; positive and finite.</param>
    /// <exception cref="ArgumentException"><paramref name="label"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public Voter(string label, IChatClient client, string? prompt = null, ChatOptions? options = null, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(client);
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The weight of voter '{label}' must be positive and finite, was {weight}.");
        }

        Label = label;
        Client = client;
        Prompt = prompt;
        Options = options?.Clone();
        Weight = weight;
    }

    /// <summary>Gets the voter's label.</summary>
    public string Label { get; }

    /// <summary>Gets the voter's client.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the voter's prompt template, or <see langword="null"/> to send the vote's prompt as is.</summary>
    public string? Prompt { get; }

    /// <summary>Gets the voter's call options, or <see langword="null"/>.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the weight of each of the voter's votes.</summary>
    public double Weight { get; }

    internal string PromptFor(string question) =>
        Prompt is null ? question : Prompt.Replace("{question}", question, StringComparison.Ordinal);
}
