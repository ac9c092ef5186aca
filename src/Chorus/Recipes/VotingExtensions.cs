using Microsoft.Extensions.AI;
using Chorus.Recipes;
using Chorus.Voting;

namespace Chorus;

/// <summary>Votes over samples of one model, or over a panel of models and prompts: <c>await client.VoteAsync("What is 17 * 23?")</c>.</summary>
public static class VotingExtensions
{
    /// <summary>Samples the model up to <see cref="VoteOptions.MaxSamples"/> times, <see cref="VoteOptions.Concurrency"/> at once, and votes, stopping when the stopping rule fires.</summary>
    /// <param name="client">The model's client.</param>
    /// <param name="prompt">The user prompt.</param>
    /// <param name="options">The vote's options; <see langword="null"/> for the defaults (10 samples, 8 at once, adaptive stopping at 0.95).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The winning answer, the decision, every sample's outcome and the run report (samples used, cancelled, tokens of cancelled work).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is blank.</exception>
    /// <exception cref="RunFailedException">No branch produced an answer, or a tie under <see cref="MajorityTieRule.NoDecision"/>; carries every outcome and the report.</exception>
    /// <exception cref="RunCanceledException">The caller cancelled.</exception>
    public static Task<RunResult<VoteResult>> VoteAsync(this IChatClient client, string prompt, VoteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        return client.VoteAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);
    }

    /// <summary>Samples the model on a conversation and votes, as <see cref="VoteAsync(IChatClient, string, VoteOptions?, CancellationToken)"/> does.</summary>
    /// <param name="client">The model's client.</param>
    /// <param name="messages">The conversation; copied, must not be empty.</param>
    /// <param name="options">The vote's options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The winning answer, the decision, every sample's outcome and the run report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="messages"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="messages"/> is empty.</exception>
    /// <exception cref="RunFailedException">No branch produced an answer, or a tie under <see cref="MajorityTieRule.NoDecision"/>.</exception>
    /// <exception cref="RunCanceledException">The caller cancelled.</exception>
    public static Task<RunResult<VoteResult>> VoteAsync(
        this IChatClient client, IEnumerable<ChatMessage> messages, VoteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        VoteOptions settings = options ?? new VoteOptions();
        Plan<VoteResult> plan = Plans.Vote(client, [.. messages], settings);
        return (settings.Runner ?? PlanRunner.Default).RunAsync(plan, cancellationToken);
    }

    /// <summary>Votes across a panel of voters (models and/or prompt variants): sample i goes to voter i mod the panel's size, each vote weighted by its voter's weight.</summary>
    /// <param name="panel">The voters; at least one, with unique labels.</param>
    /// <param name="prompt">The question; replaces <c>{question}</c> in each voter's prompt.</param>
    /// <param name="options">The vote's options; <see cref="VoteOptions.MaxSamples"/> counts samples over the whole panel. <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result; each <see cref="Ballot.Voter"/> is the voter's label, ready for a <see cref="VoterScoreboard"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="panel"/> or a voter is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="panel"/> is empty, two voters share a label, or <paramref name="prompt"/> is blank.</exception>
    /// <exception cref="RunFailedException">No branch produced an answer, or a tie under <see cref="MajorityTieRule.NoDecision"/>.</exception>
    /// <exception cref="RunCanceledException">The caller cancelled.</exception>
    public static Task<RunResult<VoteResult>> VoteAsync(
        this IEnumerable<Voter> panel, string prompt, VoteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        Voter[] voters = [.. panel];
        if (voters.Length == 0)
        {
            throw new ArgumentException("A panel needs at least one voter; got 0.", nameof(panel));
        }

        for (int i = 0; i < voters.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(voters[i], $"{nameof(panel)}[{i}]");
        }

        VoteOptions settings = options ?? new VoteOptions();
        Plan<VoteResult> plan = Plans.PanelVote(voters, prompt, settings);
        return (settings.Runner ?? PlanRunner.Default).RunAsync(plan, cancellationToken);
    }
}
