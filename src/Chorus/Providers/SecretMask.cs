namespace Chorus.Providers;

/// <summary>
/// Masks secrets (API keys) in text before it reaches an error, a report, a log or the console: provider error bodies and
/// messages, and anything model-written code prints in the sandbox. The one place where Chorus masks secrets.
/// </summary>
/// <remarks>
/// Masks every occurrence of a secret and of every part of it at least <see cref="MinimumPartLength"/> characters long, so a
/// key printed in pieces, cut by truncation or embedded in a URL is masked too. Immutable and thread-safe.
/// </remarks>
public sealed class SecretMask
{
    /// <summary>The shortest part of a secret that is masked on its own.</summary>
    public const int MinimumPartLength = 8;

    /// <summary>What a masked secret, or part of one, becomes.</summary>
    public const string Replacement = "***";

    private readonly string[] _secrets;

    /// <summary>Initializes a mask for the given secrets; <see langword="null"/> or empty ones are ignored.</summary>
    /// <param name="secrets">The secrets, for example the API key.</param>
    public SecretMask(params string?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets a mask that masks nothing.</summary>
    public static SecretMask None { get; } = new();

    /// <summary>Gets a value indicating whether this mask has any secret to mask.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Returns <paramref name="text"/> with every secret, and every part of one at least <see cref="MinimumPartLength"/> characters long, replaced by <see cref="Replacement"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The masked text; the same instance when nothing was found.</returns>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, Replacement, StringComparison.Ordinal);
            if (secret.Length <= MinimumPartLength)
            {
                continue;
            }

            // Longest parts first, so a long fragment is masked whole rather than leaving its edges.
            for (int length = secret.Length - 1; length >= MinimumPartLength; length--)
            {
                for (int start = 0; start + length <= secret.Length; start++)
                {
                    string part = secret.Substring(start, length);
                    if (text.Contains(part, StringComparison.Ordinal))
                    {
                        text = text.Replace(part, Replacement, StringComparison.Ordinal);
                    }
                }
            }
        }

        return text;
    }
}
