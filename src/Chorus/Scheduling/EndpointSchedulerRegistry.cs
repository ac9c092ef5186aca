namespace Chorus.Scheduling;

/// <summary>The schedulers of a process, one per endpoint and account, so every run and every client that calls the same endpoint
/// with the same account shares one budget. Hold one instance for the application (for example as a DI singleton).</summary>
/// <remarks>
/// The account is a name for the budget holder — an organization, project or key alias — never the API key itself.
/// Endpoints are compared as absolute URIs without a trailing slash, ignoring case. Thread-safe. Disposing it disposes its schedulers.
/// </remarks>
public sealed class EndpointSchedulerRegistry : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, EndpointScheduler> _schedulers = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Gets the number of schedulers created.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _schedulers.Count;
            }
        }
    }

    /// <summary>Gets the scheduler of an endpoint and account, creating it with <paramref name="options"/> the first time.</summary>
    /// <param name="endpoint">The provider's base URL.</param>
    /// <param name="account">The budget holder's name (never the API key); <see langword="null"/> for the default account.</param>
    /// <param name="options">The options used if the scheduler is created now; ignored when it exists.</param>
    /// <returns>The shared scheduler.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not absolute.</exception>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    public EndpointScheduler GetOrAdd(Uri endpoint, string? account = null, EndpointSchedulerOptions? options = null)
    {
        string key = Key(endpoint, account);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_schedulers.TryGetValue(key, out EndpointScheduler? scheduler))
            {
                scheduler = new EndpointScheduler(options);
                _schedulers[key] = scheduler;
            }

            return scheduler;
        }
    }

    /// <summary>Gets the scheduler of an endpoint and account if one was created.</summary>
    /// <param name="endpoint">The provider's base URL.</param>
    /// <param name="account">The budget holder's name; <see langword="null"/> for the default account.</param>
    /// <param name="scheduler">The scheduler, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not absolute.</exception>
    public bool TryGet(Uri endpoint, string? account, out EndpointScheduler? scheduler)
    {
        string key = Key(endpoint, account);
        lock (_sync)
        {
            return _schedulers.TryGetValue(key, out scheduler);
        }
    }

    /// <summary>Disposes every scheduler.</summary>
    public void Dispose()
    {
        List<EndpointScheduler> all;
        lock (_sync)
        {
            _disposed = true;
            all = [.. _schedulers.Values];
            _schedulers.Clear();
        }

        all.ForEach(s => s.Dispose());
    }

    private static string Key(Uri endpoint, string? account)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint must be an absolute URI, was '{endpoint}'.", nameof(endpoint));
        }

        string normalized = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/').ToUpperInvariant();
        return normalized + "\n" + (account ?? string.Empty);
    }
}
