using Chorus.Reporting;

namespace Chorus.Cli.Rendering;

/// <summary>Writes reports as JSON to standard output (<c>--json</c> alone) or to a file (<c>--json FILE</c>), and the HTML page (<c>--report FILE</c>).</summary>
internal static class ReportOutput
{
    /// <summary>Writes several reports as one JSON array (<c>chorus demo</c>).</summary>
    public static Task WriteJsonAsync(CliEnvironment env, string? target, IReadOnlyList<RunReport> reports, CancellationToken cancellationToken) =>
        target is null ? Task.CompletedTask : WriteAsync(env, target, "--json", RunReportJson.Serialize(reports, indented: true), cancellationToken);

    /// <summary>Writes one report as a JSON object: the run report, field for field.</summary>
    public static Task WriteJsonAsync(CliEnvironment env, string? target, RunReport report, CancellationToken cancellationToken) =>
        target is null ? Task.CompletedTask : WriteAsync(env, target, "--json", RunReportJson.Serialize(report, indented: true), cancellationToken);

    /// <summary>Writes the self-contained HTML page.</summary>
    public static Task WriteHtmlAsync(CliEnvironment env, string? target, string title, IReadOnlyList<RunReport> reports, CancellationToken cancellationToken) =>
        target is null ? Task.CompletedTask : WriteAsync(env, target, "--report", HtmlReportWriter.Render(title, reports), cancellationToken);

    /// <summary>Checks, before anything is paid for, that an output file can be written: its directory exists and the file can be opened for writing.</summary>
    /// <exception cref="CliUsageException">The path cannot be written.</exception>
    public static void CheckWritable(CliEnvironment env, string? target, string flag)
    {
        if (target is null or "-")
        {
            return;
        }

        string path = env.Resolve(target);
        bool existed = File.Exists(path);
        try
        {
            // Opening for append changes nothing in an existing file; a file created only to check is removed again.
            using (new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliUsageException($"{flag}: cannot write '{target}': {ex.Message}", "choose a path in a directory that exists and you can write to; nothing was sent");
        }
    }

    private static async Task WriteAsync(CliEnvironment env, string target, string flag, string text, CancellationToken cancellationToken)
    {
        if (target == "-")
        {
            await env.Output.WriteLineAsync(text).ConfigureAwait(false);
            await env.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        string path = env.Resolve(target);
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{flag}: cannot write '{target}': {ex.Message}", "choose a path in a directory that exists and you can write to");
        }
    }
}
