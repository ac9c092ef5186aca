using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>Splits a plan's choices into streamed pieces (a word with its spaces) and times them: each step waits
/// <see cref="SimulatedPlan.TimePerToken"/> per token of its longest piece, the choices streaming side by side.</summary>
internal static partial class StreamSchedule
{
    public static IReadOnlyList<StreamStep> Steps(SimulatedPlan plan)
    {
        List<string>[] pieces = [.. plan.Choices.Select(c => Piece().Matches(c.Text).Select(m => m.Value).ToList())];
        int stepCount = pieces.Length == 0 ? 0 : pieces.Max(p => p.Count);
        var steps = new List<StreamStep>(stepCount);
        for (int step = 0; step < stepCount; step++)
        {
            var parts = new List<(int Choice, string Text)>();
            int tokens = 0;
            for (int choice = 0; choice < pieces.Length; choice++)
            {
                if (step < pieces[choice].Count)
                {
                    string text = pieces[choice][step];
                    parts.Add((choice, text));
                    tokens = Math.Max(tokens, SimulatedTokenizer.Count(text));
                }
            }

            steps.Add(new StreamStep(plan.TimePerToken * tokens, parts));
        }

        return steps;
    }

    [GeneratedRegex(@"\s*\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Piece();
}

/// <summary>One step of a stream: wait <paramref name="Delay"/>, then send each choice's piece.</summary>
internal sealed record StreamStep(TimeSpan Delay, IReadOnlyList<(int Choice, string Text)> Pieces);
