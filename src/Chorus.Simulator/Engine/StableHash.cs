namespace Chorus.Simulator;

/// <summary>A hash that is the same in every process (unlike <see cref="string.GetHashCode()"/>), for seeding.</summary>
internal static class StableHash
{
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(string text) => Add(FnvOffset, text);

    public static ulong Add(ulong hash, string text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        // A separator, so ("ab", "c") and ("a", "bc") differ.
        return (hash ^ 0xFFFF) * FnvPrime;
    }

    public static ulong Add(ulong hash, long value) => Mix(hash ^ Mix((ulong)value + 0x9E3779B97F4A7C15UL));

    public static ulong Combine(ulong seed, string purpose) => Mix(Add(seed, purpose));
}
