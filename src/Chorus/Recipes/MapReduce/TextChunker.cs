using Chorus.Internal;
using Chorus.Estimation;

namespace Chorus.Recipes;

/// <summary>Cuts documents into chunks under a token budget, at paragraph breaks, else sentence ends, else spaces. Pure.</summary>
public static class TextChunker
{
    /// <summary>Cuts one document into chunks of at most <paramref name="maxTokens"/> tokens each.</summary>
    /// <param name="document">The document.</param>
    /// <param name="maxTokens">The budget of one chunk; positive.</param>
    /// <param name="countTokens">How tokens are counted; <see langword="null"/> for about four characters per token.</param>
    /// <returns>The chunks in order; together they cover the document's text (white space between chunks aside).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is not positive.</exception>
    public static IReadOnlyList<TextChunk> Chunk(SourceDocument document, int maxTokens, Func<string, int>? countTokens = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        Func<string, int> count = countTokens ?? (t => (int)TokenEstimator.Count(t));
        string text = document.Text ?? string.Empty;
        var chunks = new List<TextChunk>();
        int start = SkipSpace(text, 0);
        while (start < text.Length)
        {
            int end = FindEnd(text, start, maxTokens, count);
            string piece = text[start..end].TrimEnd();
            if (piece.Length > 0)
            {
                chunks.Add(new TextChunk(document.Id, chunks.Count, start, piece.Length, piece));
            }

            start = SkipSpace(text, end);
        }

        return chunks;
    }

    /// <summary>The end of the longest piece from <paramref name="start"/> that fits, preferring a paragraph break, then a sentence end, then a space.</summary>
    private static int FindEnd(string text, int start, int maxTokens, Func<string, int> count)
    {
        if (count(text[start..]) <= maxTokens)
        {
            return text.Length;
        }

        // The longest prefix that fits, by binary search on its length.
        int low = start + 1, high = text.Length;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (count(text[start..mid]) <= maxTokens)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        int limit = low;
        foreach (Func<int, bool> isBreak in (Func<int, bool>[])[
            i => text[i] == '\n' && i > 0 && text[i - 1] == '\n',
            i => text[i] is '.' or '!' or '?' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])),
            i => char.IsWhiteSpace(text[i])])
        {
            for (int i = limit - 1; i > start + ((limit - start) / 4); i--)
            {
                if (isBreak(i))
                {
                    return i + 1;
                }
            }
        }

        return limit;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
