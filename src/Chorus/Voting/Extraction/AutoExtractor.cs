using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>The extractor that needs no configuration: it tries the common ways models state an answer, most explicit first.</summary>
internal static partial class AutoExtractor
{
    private const int MaxBareAnswerLength = 100;

    public static string? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (AnswerPatterns.Boxed(text) is { } boxed)
        {
            return Refine(boxed);
        }

        if (text.Contains('{', StringComparison.Ordinal) && JsonAnswer(text) is { } json)
        {
            return json;
        }

        if (AnswerPatterns.Stated(text) is { } stated)
        {
            return Refine(stated);
        }

        if (NumberText.Last(text) is { } number)
        {
            return number;
        }

        // A bare short reply ("Paris", "yajo") is its own answer; a long one without any marker is an abstention.
        string trimmed = AnswerPatterns.CleanPhrase(text);
        return trimmed.Length is > 0 and <= MaxBareAnswerLength && !trimmed.Contains('\n', StringComparison.Ordinal) ? trimmed : null;
    }

    /// <summary>Reduces a stated answer to its core: the result after the last <c>=</c>, a leading number, a choice letter, else the phrase.</summary>
    internal static string? Refine(string phrase)
    {
        string answer = phrase;
        int equals = answer.LastIndexOf('=');
        if (equals >= 0 && equals < answer.Length - 1)
        {
            answer = answer[(equals + 1)..];
        }

        answer = AnswerPatterns.CleanPhrase(answer);
        if (LeadingNumberRegex().IsMatch(answer) && NumberText.First(answer) is { } number)
        {
            return number;
        }

        if (ChoiceRegex().Match(answer) is { Success: true } choice)
        {
            return choice.Groups["c"].Value.ToUpperInvariant();
        }

        return answer.Length > 0 ? answer : null;
    }

    private static string? JsonAnswer(string text)
    {
        if (!JsonReply.TryParseObject(text, out JsonElement root))
        {
            return null;
        }

        foreach (string name in (ReadOnlySpan<string>)["answer", "final_answer", "result"])
        {
            if (JsonReply.TryGetProperty(root, name, out JsonElement value) && JsonFieldText.Of(value) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[-+−]?(?:[$€£¥₹]\s?)?\.?\d", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberRegex();

    // "(B)", "B)", "B" alone, "B. because…": an upper-case letter marked as a choice, never the article "a".
    [GeneratedRegex(@"^\((?<c>[A-Za-z])\)|^(?<c>[A-Z])(?:\)|$|[.:](?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex ChoiceRegex();
}
