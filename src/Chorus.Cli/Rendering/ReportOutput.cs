namespace Chorus.Cli.Rendering;

/// <summary>Writes reports as JSON to standard output (<c>--json</c> alone) or to a file (<c>--json FILE</c>).</summary>
internal static class ReportOutput
{
    public static async Task WriteJsonAsync(CliEnvironment env, string? target, IReadOnlyList<RunReport> reports, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            return;
        }

        string json = RunReportJson.Serialize(reports, indented: true);
        if (target == "-")
        {
            await env.Output.WriteLineAsync(json).ConfigureAwait(false);
            await env.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await File.WriteAllTextAsync(target, json, cancellationToken).ConfigureAwait(false);
    }
}
