using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>
/// Ready-made answer extractors for votes: each finds the answer in a response's text, or returns <see langword="null"/>
/// when there is none, and the sample abstains. Plug one into <see cref="VoteAggregatorOptions.AnswerExtractor"/> or
/// <see cref="MajorityVoteOptions.AnswerExtractor"/>.
/// </summary>
/// <remarks>Every extractor is a pure, thread-safe function that never throws on any text.</remarks>
public static class AnswerExtractors
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Gets the extractor that needs no configuration and works on raw model output for math, multiple choice and short answers.</summary>
    /// <value>
    /// Tries, in order: the last <c>\boxed{…}</c>; a JSON object's <c>answer</c>, <c>final_answer</c> or <c>result</c> field;
    /// the last "the answer is X" / "final answer: X" / "answer = X" / "#### X" (reduced to the number after a final
    /// <c>=</c>, a leading number, or a choice letter such as <c>(B)</c>); the last number in the text; and a bare reply of one
    /// line up to 100 characters. Anything else is an abstention.
    /// </value>
    public static Func<string, string?> Auto { get; } = AutoExtractor.Extract;

    /// <summary>Gets an extractor that takes the last number in the text.</summary>
    /// <value>
    /// Handles signs (also the Unicode minus), currency symbols (<c>$ € £ ¥ ₹</c>), thousands separators (<c>1,234</c>),
    /// decimals, fractions (<c>3/4</c>, <c>1 1/2</c>, <c>\frac{3}{4}</c>) and trailing units or percent signs, which are dropped.
    /// Returns the number without currency or separators, for example <c>-1234.5</c> or <c>3/4</c>.
    /// </value>
    public static Func<string, string?> LastNumber { get; } = text => text is null ? null : NumberText.Last(text);

    /// <summary>Gets an extractor that takes what follows the last "the answer is", "final answer:", "answer =" or <c>####</c>, to the end of its sentence or line.</summary>
    /// <value>Quotes, Markdown emphasis, LaTeX dollars and trailing punctuation are stripped.</value>
    public static Func<string, string?> AnswerIs { get; } = text => text is null ? null : AnswerPatterns.Stated(text);

    /// <summary>Gets an extractor that takes the content of the last <c>\boxed{…}</c> (or <c>\fbox{…}</c>), nested braces included.</summary>
    public static Func<string, string?> Boxed { get; } = text => text is null ? null : AnswerPatterns.Boxed(text);

    /// <summary>Gets an extractor that answers <c>yes</c> or <c>no</c> (also from <c>true</c>/<c>false</c>).</summary>
    /// <value>The first yes/no word in a stated answer ("the answer is no"), else a leading one ("Yes, because…"), else the last one.</value>
    public static Func<string, string?> YesNo { get; } = text => text is null ? null : AnswerPatterns.YesNo(text);

    /// <summary>Gets an extractor that takes the whole trimmed text, for answers that are compared as a whole (with a normalizer or a clusterer).</summary>
    public static Func<string, string?> WholeText { get; } = text => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Creates an extractor for a multiple-choice letter.</summary>
    /// <param name="choices">The letters allowed, for example <c>ABCDE</c>; case-insensitive.</param>
    /// <returns>
    /// An extractor that returns the upper-case letter from a stated answer ("the answer is (B)"), else the last marked
    /// letter in the text (<c>(C)</c>, <c>option C</c>, <c>**C**</c>), else a reply that is just the letter.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="choices"/> is blank or holds something other than letters.</exception>
    public static Func<string, string?> MultipleChoice(string choices = "ABCDE")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(choices);
        if (!choices.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"Choices must be ASCII letters, was '{choices}'.", nameof(choices));
        }

        string upper = choices.ToUpperInvariant();
        return text =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (AnswerPatterns.Stated(text) is { } stated && AnswerPatterns.ChoiceIn(stated, upper, anywhere: true) is { } fromStated)
            {
                return fromStated;
            }

            return AnswerPatterns.ChoiceIn(text, upper, anywhere: true) is { } marked ? marked
                : text.Trim().Length <= 3 ? AnswerPatterns.ChoiceIn(text, upper, anywhere: false)
                : null;
        };
    }

    /// <summary>Creates an extractor that reads a field of the JSON object in the reply (inside a code fence or amid prose).</summary>
    /// <param name="path">The field, or a dotted path such as <c>result.answer</c> or <c>items.0</c>; names are case-insensitive.</param>
    /// <returns>An extractor that returns a string field as is, a number as written, a boolean as <c>true</c>/<c>false</c>, other values as raw JSON; <see langword="null"/> when the field is missing or null.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    public static Func<string, string?> JsonField(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string[] parts = path.Split('.');
        return text => JsonReply.TryParseObject(text, out JsonElement root) && JsonFieldText.TryFollow(root, parts, out JsonElement value)
            ? JsonFieldText.Of(value)
            : null;
    }

    /// <summary>Creates an extractor that takes the body of the last fenced code block (<c>```</c>).</summary>
    /// <param name="language">Only blocks of this language (for example <c>python</c>) count; <see langword="null"/> for any block.</param>
    /// <returns>An extractor that returns the block's body without the fences, or <see langword="null"/> when there is none.</returns>
    public static Func<string, string?> FencedCode(string? language = null) =>
        text => text is null ? null : AnswerPatterns.FencedCode(text, language);

    /// <summary>Creates an extractor from a regular expression; the last match wins.</summary>
    /// <param name="pattern">The pattern. The answer is its group named <c>answer</c>, else its first group, else the whole match.</param>
    /// <param name="options">The regular expression options; culture-invariant matching is always added.</param>
    /// <returns>An extractor; a match that times out (after one second) counts as no answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is blank or not a valid regular expression.</exception>
    public static Func<string, string?> Regex(string pattern, RegexOptions options = RegexOptions.None)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var regex = new Regex(pattern, options | RegexOptions.CultureInvariant, RegexTimeout);
        int named = regex.GroupNumberFromName("answer");
        int group = named >= 0 ? named : regex.GetGroupNumbers().Length > 1 ? 1 : 0;
        return text =>
        {
            if (text is null)
            {
                return null;
            }

            try
            {
                MatchCollection matches = regex.Matches(text);
                string? answer = matches.Count == 0 ? null : matches[^1].Groups[group].Value.Trim();
                return string.IsNullOrEmpty(answer) ? null : answer;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        };
    }

    /// <summary>Combines extractors: the first one that finds an answer wins.</summary>
    /// <param name="extractors">The extractors, tried in order.</param>
    /// <returns>The combined extractor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="extractors"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="extractors"/> is empty.</exception>
    public static Func<string, string?> FirstOf(params Func<string, string?>[] extractors)
    {
        ArgumentNullException.ThrowIfNull(extractors);
        Func<string, string?>[] copy = [.. extractors];
        if (copy.Length == 0)
        {
            throw new ArgumentException("FirstOf needs at least one extractor; got 0.", nameof(extractors));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(copy[i], $"{nameof(extractors)}[{i}]");
        }

        return text =>
        {
            foreach (Func<string, string?> extractor in copy)
            {
                if (extractor(text) is { Length: > 0 } answer && !string.IsNullOrWhiteSpace(answer))
                {
                    return answer;
                }
            }

            return null;
        };
    }
}
