namespace Chorus.Benchmarks.Support;

/// <summary>The few flags the benchmark commands take: <c>--name value</c> pairs and bare switches.</summary>
internal sealed class BenchArgs(string[] args)
{
    public string? Get(string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int GetInt(string name, int fallback) =>
        Get(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        Get(name) is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public bool Has(string name) => Array.IndexOf(args, name) >= 0;
}
