namespace Chorus.Simulator;

/// <summary>Answers a question with a known answer: a short reasoning line, then "The answer is X.", correct with probability
/// <see cref="SimulatorOptions.Accuracy"/>, else one of the fixed distractors.</summary>
internal static class AnswerResponder
{
    private static readonly string[] Openers =
    [
        "Let me work through this step by step.",
        "Working it out carefully, one step at a time.",
        "I'll compute this piece by piece.",
    ];

    public static string Reply(string correctAnswer, double accuracy, SimRandom random)
    {
        string opener = Openers[random.Next(Openers.Length)];
        return $"{opener}\nThe answer is {Draw(correctAnswer, accuracy, random)}.";
    }

    /// <summary>Draws one answer: correct with probability <paramref name="accuracy"/>, else distractor j with probability
    /// <c>(1 - accuracy) × share[j]</c>.</summary>
    public static string Draw(string correctAnswer, double accuracy, SimRandom random)
    {
        double u = random.NextDouble();
        if (u < accuracy)
        {
            return correctAnswer;
        }

        IReadOnlyList<string> distractors = SimulatedAccuracy.GetDistractors(correctAnswer);
        IReadOnlyList<double> shares = SimulatedAccuracy.DefaultDistractorShares;
        double wrong = (u - accuracy) / (1 - accuracy);
        double edge = 0;
        for (int i = 0; i < distractors.Count; i++)
        {
            edge += shares[i];
            if (wrong < edge)
            {
                return distractors[i];
            }
        }

        return distractors[^1];
    }
}
