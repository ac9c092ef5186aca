using Microsoft.Extensions.AI;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Providers;

/// <summary>Puts a <see cref="ProviderFailureClassifier"/> into a client pipeline.</summary>
public static class ProviderFailureExtensions
{
    /// <summary>Wraps <paramref name="innerClient"/> so the <see cref="SchedulingChatClient"/> and <see cref="ResilientChatClient"/>
    /// above it classify its failures with <paramref name="classifier"/> (they find it through <see cref="IChatClient.GetService"/>).</summary>
    /// <param name="innerClient">The client that talks to the provider, for example the official SDK's <see cref="IChatClient"/>.</param>
    /// <param name="classifier">The classifier that knows that client's exceptions.</param>
    /// <returns>The wrapped client; calls pass through unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IChatClient WithFailureClassifier(this IChatClient innerClient, ProviderFailureClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        ArgumentNullException.ThrowIfNull(classifier);
        return new ClassifiedChatClient(innerClient, classifier);
    }

    /// <summary>Finds the classifier a pipeline carries, or <see cref="ProviderFailureClassifier.Default"/>.</summary>
    internal static ProviderFailureClassifier FailureClassifier(this IChatClient client) =>
        client.GetService<ProviderFailureClassifier>() ?? ProviderFailureClassifier.Default;

    /// <summary>Answers <see cref="IChatClient.GetService"/> for the classifier; everything else passes through.</summary>
    private sealed class ClassifiedChatClient(IChatClient innerClient, ProviderFailureClassifier classifier) : DelegatingChatClient(innerClient)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null)
        {
            ArgumentNullException.ThrowIfNull(serviceType);
            return serviceKey is null && serviceType == typeof(ProviderFailureClassifier) ? classifier : base.GetService(serviceType, serviceKey);
        }
    }
}
