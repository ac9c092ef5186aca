using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>One unit of model work in a <see cref="Plan{TResult}"/>: a label, the client, the messages and the options.</summary>
/// <remarks>
/// A branch is immutable: the messages are copied when it is created and the options are cloned before every call,
/// so one branch can be run any number of times and branches never share a mutable <see cref="ChatOptions"/>.
/// Its index is its position in the plan.
/// </remarks>
public sealed class Branch
{
    /// <summary>Initializes a new branch.</summary>
    /// <param name="label">A short name that is unique within the plan, shown in reports.</param>
    /// <param name="client">The client that answers this branch.</param>
    /// <param name="messages">The conversation to send; copied, must not be empty.</param>
    /// <param name="options">The options for the call, cloned before each call; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="messages"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is blank or <paramref name="messages"/> is empty.</exception>
    public Branch(string label, IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ChatMessage[] copy = [.. messages];
        if (copy.Length == 0)
        {
            throw new ArgumentException($"Branch '{label}' has no messages; a branch needs at least one.", nameof(messages));
        }

        if (Array.Exists(copy, m => m is null))
        {
            throw new ArgumentException($"Branch '{label}' has a null message.", nameof(messages));
        }

        Label = label;
        Client = client;
        Messages = copy;
        Options = options?.Clone();
    }

    /// <summary>Initializes a new branch that sends one user prompt.</summary>
    /// <param name="label">A short name that is unique within the plan.</param>
    /// <param name="client">The client that answers this branch.</param>
    /// <param name="prompt">The user prompt.</param>
    /// <param name="options">The options for the call; <see langword="null"/> for none.</param>
    public Branch(string label, IChatClient client, string prompt, ChatOptions? options = null)
        : this(label, client, [new ChatMessage(ChatRole.User, CheckPrompt(prompt))], options)
    {
    }

    private Branch(Branch source, IChatClient fallbackClient, ChatOptions? fallbackOptions)
    {
        Label = source.Label;
        Client = source.Client;
        Messages = source.Messages;
        Options = source.Options;
        FallbackClient = fallbackClient;
        FallbackOptions = fallbackOptions?.Clone();
    }

    /// <summary>Gets the label, unique within a plan.</summary>
    public string Label { get; }

    /// <summary>Gets the client that answers this branch.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the messages sent to the model.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the options; a clone is passed to each call. <see langword="null"/> means none.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the client tried when <see cref="Client"/> fails, or <see langword="null"/> for no fallback.</summary>
    public IChatClient? FallbackClient { get; }

    /// <summary>Gets the options for the fallback call (for example another model); <see langword="null"/> reuses <see cref="Options"/>.</summary>
    public ChatOptions? FallbackOptions { get; }

    /// <summary>Returns a copy of this branch that falls back to another client or model when its own call fails.</summary>
    /// <param name="client">The fallback client.</param>
    /// <param name="options">The fallback's options, or <see langword="null"/> to reuse this branch's options.</param>
    /// <returns>A new branch; this one is unchanged.</returns>
    /// <remarks>Caller cancellation never triggers the fallback; a failure or a per-branch timeout does.</remarks>
    public Branch WithFallback(IChatClient client, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new Branch(this, client, options);
    }

    /// <inheritdoc />
    public override string ToString() => Label;

    private static string CheckPrompt(string prompt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        return prompt;
    }
}
