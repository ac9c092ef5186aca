using Microsoft.ML.Tokenizers;
using Chorus.Internal;

namespace Chorus.Estimation;

/// <summary>Chooses a token counter by model name: OpenAI's tokenizers where the model is known, else the chars/4 heuristic.</summary>
/// <remarks>
/// o200k_base for gpt-4o, gpt-4.1, gpt-5 and the o-series; cl100k_base for gpt-4 and gpt-3.5; the heuristic
/// (<see cref="Heuristic"/>, about four characters a token) for every other model, labelled as such. Other models plug in
/// by passing their own <see cref="ITokenCounter"/> to <see cref="For(string?, Func{string?, ITokenCounter?}?)"/>.
/// The tokenizers are loaded once, on first use, and are immutable and thread-safe.
/// </remarks>
public static class TokenCounters
{
    private static readonly Lazy<ITokenCounter> O200k = new(() => new TiktokenCounter("o200k_base"));
    private static readonly Lazy<ITokenCounter> Cl100k = new(() => new TiktokenCounter("cl100k_base"));

    /// <summary>Gets the heuristic counter: <c>ceil(characters / 4)</c>, the fallback for models without a known tokenizer.</summary>
    public static ITokenCounter Heuristic { get; } = new HeuristicCounter();

    /// <summary>Chooses the counter for a model.</summary>
    /// <param name="model">The model name, or <see langword="null"/> when unknown.</param>
    /// <param name="custom">Consulted first; returns a counter for models it knows, else <see langword="null"/>.</param>
    /// <returns>The counter; never <see langword="null"/>.</returns>
    public static ITokenCounter For(string? model, Func<string?, ITokenCounter?>? custom = null)
    {
        if (custom?.Invoke(model) is { } chosen)
        {
            return chosen;
        }

        string name = model?.Trim().ToLowerInvariant() ?? string.Empty;
        int slash = name.LastIndexOf('/');
        name = slash >= 0 ? name[(slash + 1)..] : name;
        if (name.StartsWith("gpt-4o", StringComparison.Ordinal) || name.StartsWith("gpt-4.1", StringComparison.Ordinal)
            || name.StartsWith("gpt-5", StringComparison.Ordinal) || name.StartsWith("chatgpt-4o", StringComparison.Ordinal)
            || name.StartsWith("o1", StringComparison.Ordinal) || name.StartsWith("o3", StringComparison.Ordinal) || name.StartsWith("o4", StringComparison.Ordinal))
        {
            return O200k.Value;
        }

        if (name.StartsWith("gpt-4", StringComparison.Ordinal) || name.StartsWith("gpt-3.5", StringComparison.Ordinal))
        {
            return Cl100k.Value;
        }

        return Heuristic;
    }

    private sealed class TiktokenCounter(string encoding) : ITokenCounter
    {
        private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);

        public string Name => encoding;

        public bool IsHeuristic => false;

        public long Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);
    }

    private sealed class HeuristicCounter : ITokenCounter
    {
        public string Name => "heuristic chars/4";

        public bool IsHeuristic => true;

        public long Count(string? text) => TokenEstimator.Count(text);
    }
}
