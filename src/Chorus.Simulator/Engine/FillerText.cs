using System.Text;

namespace Chorus.Simulator;

/// <summary>Deterministic filler prose of a requested length, for prompts the simulator has no special answer for.</summary>
internal static class FillerText
{
    private static readonly string[] Words =
    [
        "the", "model", "considers", "several", "options", "and", "weighs", "each", "carefully", "before", "answering", "with",
        "a", "clear", "summary", "of", "its", "reasoning", "while", "noting", "trade-offs", "between", "speed", "cost", "and",
        "quality", "in", "practice", "many", "teams", "prefer", "simple", "designs", "that", "are", "easy", "to", "test",
        "measure", "improve", "over", "time", "results", "depend", "on", "context", "data", "constraints",
    ];

    /// <summary>Generates at least <paramref name="tokens"/> tokens of text (cut to the budget by the caller).</summary>
    public static string Generate(SimRandom random, int tokens)
    {
        var text = new StringBuilder();
        int sentenceLength = 0;
        int target = tokens * SimulatedTokenizer.CharsPerToken;
        while (text.Length < target)
        {
            string word = Words[random.Next(Words.Length)];
            if (sentenceLength == 0)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                text.Append(' ').Append(word);
            }

            if (++sentenceLength >= 8 + random.Next(7))
            {
                text.Append('.');
                sentenceLength = 0;
            }
        }

        if (sentenceLength > 0)
        {
            text.Append('.');
        }

        return text.ToString();
    }
}
