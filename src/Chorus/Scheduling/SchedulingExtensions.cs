using Microsoft.Extensions.AI;
using Chorus.Scheduling;

namespace Chorus;

/// <summary>Adds an endpoint's budget to any <see cref="IChatClient"/>.</summary>
public static class SchedulingExtensions
{
    /// <summary>Makes every call of <paramref name="innerClient"/> wait for <paramref name="scheduler"/>'s budget.</summary>
    /// <param name="innerClient">The client that talks to the provider.</param>
    /// <param name="scheduler">The endpoint's shared scheduler.</param>
    /// <returns>The scheduling middleware; disposing it disposes <paramref name="innerClient"/>, not the scheduler.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static SchedulingChatClient WithScheduler(this IChatClient innerClient, EndpointScheduler scheduler) => new(innerClient, scheduler);

    /// <summary>Makes every call of <paramref name="innerClient"/> wait for the budget of its endpoint (its
    /// <see cref="ChatClientMetadata.ProviderUri"/>) and <paramref name="account"/>, from <paramref name="registry"/>.</summary>
    /// <param name="innerClient">The client that talks to the provider.</param>
    /// <param name="registry">The application's schedulers.</param>
    /// <param name="options">The options if the endpoint's scheduler is created now; ignored when it exists.</param>
    /// <param name="account">The budget holder's name (never the API key); <see langword="null"/> for the default account.</param>
    /// <returns>The scheduling middleware.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> or <paramref name="registry"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The client does not report its endpoint.</exception>
    public static SchedulingChatClient WithScheduler(this IChatClient innerClient, EndpointSchedulerRegistry registry, EndpointSchedulerOptions? options = null, string? account = null)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        ArgumentNullException.ThrowIfNull(registry);
        Uri endpoint = innerClient.GetService<ChatClientMetadata>()?.ProviderUri
            ?? throw new ArgumentException(
                $"The client ({innerClient.GetType().Name}) reports no endpoint ({nameof(ChatClientMetadata)}.{nameof(ChatClientMetadata.ProviderUri)}); pass a scheduler from {nameof(EndpointSchedulerRegistry)}.{nameof(EndpointSchedulerRegistry.GetOrAdd)} instead.",
                nameof(innerClient));
        return new SchedulingChatClient(innerClient, registry.GetOrAdd(endpoint, account, options));
    }
}
