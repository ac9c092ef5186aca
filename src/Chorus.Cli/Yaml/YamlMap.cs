using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Chorus.Cli.Yaml;

/// <summary>A YAML mapping read with typed getters; every error names the file and the line of the offending node.</summary>
internal sealed class YamlMap(string file, YamlMappingNode node)
{
    public string File { get; } = file;

    public int Line => (int)node.Start.Line;

    public IEnumerable<string> Keys => node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty);

    /// <summary>Fails on any key not in <paramref name="known"/>, so a typo is never silently ignored.</summary>
    public void RejectUnknownKeys(string where, params string[] known)
    {
        foreach (YamlNode key in node.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' in {where}", $"known keys: {string.Join(", ", known)}");
            }
        }
    }

    public bool Has(string key) => Find(key) is not null;

    public string? String(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        return value is YamlScalarNode scalar
            ? scalar.Value
            : throw Error(value, $"'{key}' must be a text value, not a {Describe(value)}");
    }

    public string RequiredString(string key, string where)
    {
        string? value = String(key);
        return string.IsNullOrWhiteSpace(value)
            ? throw Error(Find(key) ?? (YamlNode)node, $"{where} has no {key}", $"add '{key}: ...'")
            : value;
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw Error(Find(key)!, $"'{key}' must be a whole number{Range(min, max)}; got '{text}'");
    }

    public double? Double(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw Error(Find(key)!, $"'{key}' must be a number{Range(min, max)}; got '{text}'");
    }

    public decimal? Decimal(string key)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) && value >= 0
            ? value
            : throw Error(Find(key)!, $"'{key}' must be a number of at least 0; got '{text}'");
    }

    public bool? Bool(string key)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(Find(key)!, $"'{key}' must be true or false; got '{text}'"),
        };
    }

    public YamlMap? Map(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        return value is YamlMappingNode map ? new YamlMap(File, map) : throw Error(value, $"'{key}' must be a mapping of keys to values, not a {Describe(value)}");
    }

    /// <summary>The entries of a mapping whose values are mappings (for example <c>prices: {model: {input: .., output: ..}}</c>).</summary>
    public IEnumerable<(string Key, YamlMap Value)> Entries()
    {
        foreach ((YamlNode key, YamlNode value) in node.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            yield return value is YamlMappingNode map
                ? (name, new YamlMap(File, map))
                : throw Error(value, $"'{name}' must be a mapping of keys to values, not a {Describe(value)}");
        }
    }

    public IReadOnlyList<YamlMap>? List(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(value, $"'{key}' must be a list (lines starting with '- '), not a {Describe(value)}");
        }

        return [.. sequence.Children.Select(item => item is YamlMappingNode map
            ? new YamlMap(File, map)
            : throw Error(item, $"each item of '{key}' must be a mapping of keys to values, not a {Describe(item)}"))];
    }

    /// <summary>The node under <paramref name="key"/> as a scalar, or, when it is a mapping, that mapping (for shorthand forms like <c>aggregator: majority</c>).</summary>
    public (string? Scalar, YamlMap? Map) ScalarOrMap(string key) => Find(key) switch
    {
        null => (null, null),
        YamlScalarNode scalar => (scalar.Value, null),
        YamlMappingNode map => (null, new YamlMap(File, map)),
        YamlNode other => throw Error(other, $"'{key}' must be a name or a mapping, not a {Describe(other)}"),
    };

    public CliUsageException ErrorAt(string key, string message, string? hint = null) => Error(Find(key) ?? (YamlNode)node, message, hint);

    public CliUsageException Error(string message, string? hint = null) => Error(node, message, hint);

    private CliUsageException Error(YamlNode at, string message, string? hint = null) => new($"{File}:{at.Start.Line}: {message.TrimEnd('.')}.", hint);

    private YamlNode? Find(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) && value is not YamlScalarNode { Value: null or "" } ? value : null;

    private static string Describe(YamlNode value) => value switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "text value",
    };

    private static string Range(double min, double max) => (min, max) switch
    {
        (double.MinValue or int.MinValue, double.MaxValue or int.MaxValue) => string.Empty,
        (_, double.MaxValue or int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $" of at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}"),
    };
}
