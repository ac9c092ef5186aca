using Spectre.Console;

namespace Chorus.Cli.Tests;

/// <summary>Runs the CLI in-process with captured standard output, standard error and a plain (no colour, no ANSI, not interactive) console.</summary>
internal sealed class CliHarness
{
    public StringWriter Output { get; } = new();

    public SignalingWriter Error { get; } = new();

    public StringWriter ConsoleText { get; } = new();

    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>Gets or sets the directory relative paths and <c>chorus.yaml</c> are found in; the test binaries' directory by default.</summary>
    public string WorkingDirectory { get; set; } = AppContext.BaseDirectory;

    /// <summary>Gets or sets a value indicating whether the console claims to be an interactive ANSI terminal (live progress).</summary>
    public bool Terminal { get; set; }

    public CliEnvironment Environment => new(
        Output,
        Error,
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = Terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(ConsoleText),
        }),
        name => Variables.TryGetValue(name, out string? value) ? value : null)
    {
        WorkingDirectory = WorkingDirectory,
    };

    public static async Task<(int Exit, CliHarness Harness)> RunAsync(params string[] args)
    {
        var harness = new CliHarness();
        int exit = await harness.InvokeAsync(args);
        return (exit, harness);
    }

    public Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default) =>
        Program.RunAsync(args, Environment, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
}
