using System.CommandLine;

namespace Chorus.Cli;

/// <summary>Options whose values are an enum's names in lower case (<c>--combine median</c>); a wrong value is one line naming the choices.</summary>
internal static class EnumOption
{
    public static Option<T> Create<T>(string name, string description, T defaultValue)
        where T : struct, Enum
    {
        string[] names = [.. Enum.GetNames<T>().Select(n => n.ToLowerInvariant())];
        var option = new Option<T>(name)
        {
            Description = $"{description} One of: {string.Join(", ", names)} (default {defaultValue.ToString().ToLowerInvariant()}).",
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Enum.TryParse(text, ignoreCase: true, out T value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
                {
                    return value;
                }

                result.AddError($"{name} must be one of {string.Join(", ", names)}; got '{text}'.");
                return defaultValue;
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }
}
