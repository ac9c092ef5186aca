namespace Chorus.Cli.Configuration;

/// <summary>The configuration values given as flags on this command line; <see langword="null"/> where a flag is absent.</summary>
internal sealed record ConfigFlags(string? ConfigFile, Uri? Endpoint, string? Model, int? MaxConcurrency, bool? Hedge = null, TimeSpan? AttemptTimeout = null)
{
    public static ConfigFlags None { get; } = new(null, null, null, null);
}
