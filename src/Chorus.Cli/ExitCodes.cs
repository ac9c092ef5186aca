namespace Chorus.Cli;

/// <summary>The process exit codes of <c>chorus</c>, in one place.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line, a configuration or a plan file was wrong.</summary>
    public const int UsageError = 1;

    /// <summary>The run's failure policy failed or its aggregator could not decide; partial results were still printed.</summary>
    public const int PolicyFailed = 2;

    /// <summary>The provider could not be reached or refused every request.</summary>
    public const int ProviderUnreachable = 3;

    /// <summary>The user cancelled (Ctrl-C).</summary>
    public const int Cancelled = 130;
}
