using Chorus.Providers;

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

    /// <summary>The run succeeded but its journal failed (a lookup or a write): answers it should have saved were paid for again.</summary>
    public const int JournalErrors = 4;

    /// <summary>The user cancelled (Ctrl-C); the partial report was still written.</summary>
    public const int Cancelled = 130;

    /// <summary>A bug in chorus itself (an unexpected exception), as sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;

    /// <summary>Chooses the exit code of a failed run: 3 when no branch got through because the provider was unreachable or refused us, else 2.</summary>
    public static int ForFailedRun(RunFailedException failure)
    {
        bool providerDown = failure.Outcomes.Count > 0
            && failure.Outcomes.All(o => !o.Succeeded)
            && failure.Outcomes.Any(o => IsUnreachable(o.Error))
            && failure.Outcomes.All(o => o.Error is null || IsUnreachable(o.Error) || o.Status is BranchStatus.Cancelled or BranchStatus.Skipped);
        return providerDown ? ProviderUnreachable : PolicyFailed;
    }

    private static bool IsUnreachable(Exception? error) => error switch
    {
        ChatProviderException { Kind: ProviderErrorKind.ConnectionFailed or ProviderErrorKind.Unauthorized or ProviderErrorKind.QuotaExceeded or ProviderErrorKind.Redirected } => true,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
