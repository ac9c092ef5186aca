using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>Summarizes by quoting: the first sentence of the text after the instruction, or the first two when the first is short.</summary>
internal static partial class SummarizeResponder
{
    private const int ShortSentenceWords = 12;

    public static bool StartsWithInstruction(string message) =>
        message.TrimStart().StartsWith(SimulatorConstants.SummarizeInstruction, StringComparison.OrdinalIgnoreCase);

    public static bool ContainsInstruction(string message) =>
        message.Contains(SimulatorConstants.SummarizeInstruction, StringComparison.Ordinal);

    public static string Reply(string message)
    {
        int at = message.IndexOf(SimulatorConstants.SummarizeInstruction, StringComparison.OrdinalIgnoreCase);
        string rest = message[(at + SimulatorConstants.SummarizeInstruction.Length)..];

        // The text starts after the instruction line: its colon, else its line break.
        int cut = rest.IndexOfAny([':', '\n']);
        string text = (cut >= 0 ? rest[(cut + 1)..] : rest).Trim();
        if (text.Length == 0)
        {
            return "There is nothing to summarize.";
        }

        string[] sentences = SentenceEnd().Split(text);
        string first = sentences[0].Trim();
        int words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words < ShortSentenceWords && sentences.Length > 1 ? $"{first} {sentences[1].Trim()}" : first;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
