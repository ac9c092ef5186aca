using System.CommandLine;

namespace Chorus.Cli;

/// <summary>Options every verb that calls a model shares.</summary>
internal static class CommonOptions
{
    public static Option<Uri?> Endpoint { get; } = new("--endpoint")
    {
        Description = "Base URL of an OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. Default: the embedded simulator.",
        Recursive = true,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--endpoint must be an absolute http(s) base URL such as https://api.openai.com/v1; got '{text}'.");
            return null;
        },
    };

    public static Option<string?> Model { get; } = new("--model")
    {
        Description = "Model name at the endpoint (required with --endpoint). The key comes from OPENAI_API_KEY, optional for local servers.",
        Recursive = true,
    };

    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "Configuration file (default: ./chorus.yaml if present, or CHORUS_CONFIG). Flags override environment variables, which override the file.",
        Recursive = true,
        HelpName = "FILE",
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show stack traces with errors.",
        Recursive = true,
    };

    public static Option<string?> Json { get; } = new("--json")
    {
        Description = "Write the run report as JSON: to FILE, or to standard output when no file is given.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "FILE",
    };
}
