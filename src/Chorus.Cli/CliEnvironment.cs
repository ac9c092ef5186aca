using Spectre.Console;

namespace Chorus.Cli;

/// <summary>What a command talks to: raw output (JSON, URLs), the styled console, the error stream, the environment variables
/// and the directory relative paths (plan files, <c>chorus.yaml</c>, <c>--json</c> and <c>--report</c> files) are resolved against.</summary>
/// <param name="Output">Raw standard output: JSON and other machine-readable text, never wrapped or styled.</param>
/// <param name="Error">Standard error: one-line errors and hints.</param>
/// <param name="Console">The styled console for tables and progress.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
internal sealed record CliEnvironment(TextWriter Output, TextWriter Error, IAnsiConsole Console, Func<string, string?> GetVariable)
{
    public static CliEnvironment System { get; } = new(
        global::System.Console.Out, global::System.Console.Error, AnsiConsole.Console, Environment.GetEnvironmentVariable);

    /// <summary>Gets the directory relative paths are resolved against; the process's current directory unless a test sets another.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Resolves a path given on the command line or in a file against <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
