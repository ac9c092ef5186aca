using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chorus.Cli.Yaml;

/// <summary>Loads a small YAML file (<c>chorus.yaml</c>, a plan) into a <see cref="YamlMap"/> whose errors name the file and line.</summary>
internal static partial class YamlFile
{
    /// <summary>Parses <paramref name="text"/>; a syntax error becomes a usage error naming <paramref name="name"/> and the line.</summary>
    /// <returns>The top-level mapping; an empty file is an empty mapping.</returns>
    public static YamlMap Parse(string name, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CliUsageException(
                $"{name}:{ex.Start.Line}: YAML syntax error: {PositionPrefix().Replace(ex.Message, string.Empty)}",
                "check the indentation and quoting on that line (a value containing ': ' or '#' needs quotes)");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlMap(name, new YamlMappingNode());
        }

        if (stream.Documents.Count > 1)
        {
            throw new CliUsageException($"{name}:{stream.Documents[1].RootNode.Start.Line}: expected one YAML document, found {stream.Documents.Count}.");
        }

        YamlNode root = stream.Documents[0].RootNode;
        return root is YamlMappingNode map
            ? new YamlMap(name, map)
            : throw new CliUsageException($"{name}:{root.Start.Line}: expected a mapping of keys to values at the top level.");
    }

    /// <summary>Reads and parses a file; a missing file is a usage error.</summary>
    public static YamlMap Load(string path, string displayName)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{displayName}': {ex.Message}");
        }

        return Parse(displayName, text);
    }

    // YamlDotNet puts "(Line: 3, Col: 1, Idx: 20) - (Line: 3, Col: 5, Idx: 24): " before its message; we print the line ourselves.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
