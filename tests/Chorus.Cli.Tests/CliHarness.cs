using Spectre.Console;

namespace Chorus.Cli.Tests;

/// <summary>Runs the CLI in-process with captured standard output, standard error and a plain (no colour, no ANSI) console.</summary>
internal sealed class CliHarness
{
    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public StringWriter ConsoleText { get; } = new();

    public Dictionary<string, string> Variables { get; } = [];

    public CliEnvironment Environment => new(
        Output,
        Error,
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(ConsoleText),
        }),
        name => Variables.TryGetValue(name, out string? value) ? value : null);

    public static async Task<(int Exit, CliHarness Harness)> RunAsync(params string[] args)
    {
        var harness = new CliHarness();
        int exit = await Program.RunAsync(args, harness.Environment).WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, harness);
    }
}
