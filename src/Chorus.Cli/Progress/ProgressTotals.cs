namespace Chorus.Cli.Progress;

/// <summary>The run's totals so far.</summary>
/// <param name="InputTokens">Input tokens reported so far, over every branch.</param>
/// <param name="OutputTokens">Output tokens reported so far.</param>
/// <param name="Cost">The cost so far, or <see langword="null"/> when some tokens have no price.</param>
/// <param name="Http429">HTTP 429 answers seen, over every branch.</param>
/// <param name="Finished">Branches that finished (done, failed or cancelled).</param>
/// <param name="Branches">Branches seen so far.</param>
internal sealed record ProgressTotals(long InputTokens, long OutputTokens, decimal? Cost, int Http429, int Finished, int Branches)
{
    public long Tokens => InputTokens + OutputTokens;
}
