using Microsoft.Extensions.AI;
using Chorus.Voting;
using Chorus.Recipes;

namespace Chorus;

/// <summary>Wraps a chat client so every request is answered by a vote over samples.</summary>
public static class VotingChatClientExtensions
{
    /// <summary>Returns a client that answers each request with the winner of a vote over samples of <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that produces the samples.</param>
    /// <param name="options">The vote's options; <see langword="null"/> for the defaults (10 samples, 8 at once, adaptive stopping at 0.95).</param>
    /// <returns>A <see cref="VotingChatClient"/> over <paramref name="innerClient"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public static VotingChatClient WithVoting(this IChatClient innerClient, VoteOptions? options = null) => new(innerClient, options);
}
