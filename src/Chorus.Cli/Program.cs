using System.CommandLine;
using Chorus.Cli.Commands;
using Chorus.Providers;

namespace Chorus.Cli;

/// <summary>Builds the command tree and maps errors to exit codes. Each verb defines its options and binding next to its work,
/// in <c>Commands/&lt;Verb&gt;Command.cs</c> (<c>Define</c>), so adding a verb is one line in <see cref="Verbs"/>.</summary>
internal static class Program
{
    /// <summary>Every verb, in the order <c>chorus --help</c> lists them.</summary>
    private static readonly Func<CliEnvironment, Command>[] Verbs =
    [
        VoteCommand.Define,
        JuryCommand.Define,
        MapCommand.Define,
        GuardCommand.Define,
        CodeCommand.Define,
        RunCommand.Define,
        DemoCommand.Define,
        SimCommand.Define,
        ConfigCommand.Define,
    ];

    public static Task<int> Main(string[] args) => RunAsync(args, CliEnvironment.System);

    internal static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(env);
        ParseResult parse = root.Parse(args);
        bool verbose = parse.GetValue(CommonOptions.Verbose);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            string verb = parse.CommandResult.Command == root ? "chorus" : $"chorus {parse.CommandResult.Command.Name}";
            await env.Error.WriteLineAsync($"chorus: {parse.Errors[0].Message}\n  hint: run '{verb} --help' to see what it takes").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            // Ctrl-C cancels the token; the run then writes its partial report, which needs a moment.
            var invocation = new InvocationConfiguration
            {
                Output = env.Output, Error = env.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await env.Error.WriteLineAsync($"chorus: {ex.Message}{(ex.Hint is null ? string.Empty : $"\n  hint: {ex.Hint}")}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            await env.Error.WriteLineAsync("chorus: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is ChatProviderException or HttpRequestException)
        {
            await env.Error.WriteLineAsync($"chorus: the provider could not be reached or refused: {ex.Message}\n  hint: check --endpoint, --model and OPENAI_API_KEY{(verbose ? $"\n{ex}" : string.Empty)}").ConfigureAwait(false);
            return ExitCodes.ProviderUnreachable;
        }
#pragma warning disable CA1031 // The last resort: a bug is still one line, with the stack trace only on request.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await env.Error.WriteLineAsync(verbose
                ? $"chorus: unexpected error: {ex}"
                : $"chorus: unexpected error: {ex.GetType().Name}: {ex.Message}\n  hint: run again with --verbose for the stack trace, and please report it").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("Chorus: run many LLM calls at once and join them into one trustworthy answer.")
        {
            CommonOptions.Endpoint, CommonOptions.Model, CommonOptions.Config, CommonOptions.Verbose,
        };
        foreach (Func<CliEnvironment, Command> verb in Verbs)
        {
            root.Add(verb(env));
        }

        return root;
    }
}
