namespace Chorus.Cli;

/// <summary>A wrong flag, configuration value or plan file: printed as one line with a hint, exit code 1.</summary>
internal sealed class CliUsageException(string message, string? hint = null) : Exception(message)
{
    /// <summary>Gets what to do about it.</summary>
    public string? Hint { get; } = hint;

    /// <summary>Throws a usage error with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string message, string? hint = null)
    {
        if (!condition)
        {
            throw new CliUsageException(message, hint);
        }
    }
}
