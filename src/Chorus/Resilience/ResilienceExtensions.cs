using Microsoft.Extensions.AI;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus;

/// <summary>Adds per-attempt resilience to any <see cref="IChatClient"/>.</summary>
public static class ResilienceExtensions
{
    /// <summary>Retries, times out, hedges and circuit-breaks the calls of <paramref name="innerClient"/>, reporting every attempt.</summary>
    /// <param name="innerClient">The client to make resilient, typically one with a scheduler (<see cref="SchedulingExtensions.WithScheduler(IChatClient, EndpointScheduler)"/>).</param>
    /// <param name="options">The options, validated and copied now; <see langword="null"/> for the defaults.</param>
    /// <returns>The resilient middleware; disposing it disposes <paramref name="innerClient"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static ResilientChatClient WithResilience(this IChatClient innerClient, ResilienceOptions? options = null) => new(innerClient, options);
}
