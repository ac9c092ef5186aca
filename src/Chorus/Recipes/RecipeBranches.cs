using System.Globalization;
using Chorus.Aggregation;
using Microsoft.Extensions.AI;

namespace Chorus.Recipes;

/// <summary>The branches recipes are made of, labelled the same way on every surface.</summary>
public static class RecipeBranches
{
    /// <summary>The prefix of sample labels: <c>sample-1</c>, <c>sample-2</c>, …</summary>
    public const string SamplePrefix = "sample-";

    /// <summary>The label of the guard branch of a guarded answer.</summary>
    public const string GuardLabel = "guard";

    /// <summary>The label of the answer branch of a guarded answer.</summary>
    public const string AnswerLabel = "answer";

    /// <summary>The same messages <paramref name="count"/> times (voting, best-of-N), labelled <c>sample-1</c> … <c>sample-N</c>.</summary>
    /// <param name="client">The client every sample calls.</param>
    /// <param name="messages">The messages of every sample.</param>
    /// <param name="count">How many samples; must be positive.</param>
    /// <param name="options">The options of every sample's call (each call gets its own clone); <see langword="null"/> for none.</param>
    /// <param name="labelPrefix">What comes before each sample's one-based number in its label.</param>
    /// <returns>The branches, in sample order.</returns>
    public static Branch[] Samples(IChatClient client, IReadOnlyList<ChatMessage> messages, int count, ChatOptions? options = null, string labelPrefix = SamplePrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var branches = new Branch[count];
        for (int i = 0; i < count; i++)
        {
            branches[i] = new Branch(labelPrefix + (i + 1).ToString(CultureInfo.InvariantCulture), client, messages, options);
        }

        return branches;
    }

    /// <summary>The same prompt <paramref name="count"/> times, as one user message each.</summary>
    /// <param name="client">The client every sample calls.</param>
    /// <param name="prompt">The user prompt.</param>
    /// <param name="count">How many samples; must be positive.</param>
    /// <param name="options">The options of every sample's call; <see langword="null"/> for none.</param>
    /// <param name="labelPrefix">What comes before each sample's one-based number in its label.</param>
    /// <returns>The branches, in sample order.</returns>
    public static Branch[] Samples(IChatClient client, string prompt, int count, ChatOptions? options = null, string labelPrefix = SamplePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        return Samples(client, [new ChatMessage(ChatRole.User, prompt)], count, options, labelPrefix);
    }

    /// <summary>The label of the sample at a zero-based index.</summary>
    /// <param name="index">The zero-based index.</param>
    /// <returns><c>sample-</c> followed by the one-based number.</returns>
    public static string SampleLabel(int index) => SamplePrefix + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The prompt the default guard is asked: classify the request as SAFE or UNSAFE.</summary>
    /// <param name="request">The user's request.</param>
    /// <returns>The guard's prompt.</returns>
    public static string GuardPrompt(string request) =>
        $"You are a safety classifier. Answer SAFE or UNSAFE, then a short reason.\nRequest: {request}";

    /// <summary>The default guard branch for a request: a deterministic, short classification.</summary>
    /// <param name="client">The client the guard calls.</param>
    /// <param name="request">The user's request.</param>
    /// <returns>A branch labelled <see cref="GuardLabel"/>.</returns>
    public static Branch Guard(IChatClient client, string request) =>
        new(GuardLabel, client, GuardPrompt(request), new ChatOptions { Temperature = 0, MaxOutputTokens = 30 });

    /// <summary>One branch per document: the instruction, a new line, then the document's text; labelled by the document's id.</summary>
    /// <param name="client">The client every branch calls.</param>
    /// <param name="instruction">The instruction put before each document.</param>
    /// <param name="documents">The documents, in the order their sections are joined.</param>
    /// <param name="options">The options of every call; <see langword="null"/> for none.</param>
    /// <returns>The branches, in document order.</returns>
    public static Branch[] Documents(IChatClient client, string instruction, IEnumerable<SourceDocument> documents, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(instruction);
        ArgumentNullException.ThrowIfNull(documents);
        return [.. documents.Select(d => new Branch(d.Id, client, $"{instruction}\n{d.Text}", options))];
    }

    /// <summary>Branches that answer with given texts and call no model: responses written elsewhere, to be judged or scored.</summary>
    /// <param name="responses">Each response's label and text.</param>
    /// <param name="task">The task the responses answer, recorded as each branch's prompt.</param>
    /// <returns>The branches, in the order given.</returns>
    public static Branch[] Given(IEnumerable<(string Label, string Text)> responses, string task)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        return [.. responses.Select(r => new Branch(r.Label, new GivenResponseChatClient(r.Text), task))];
    }
}
