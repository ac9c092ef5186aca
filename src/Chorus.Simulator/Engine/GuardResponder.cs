using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>A guardrail: "UNSAFE: reason" when the text under review contains a blocked word, else "SAFE".</summary>
internal static partial class GuardResponder
{
    public static bool Applies(IReadOnlyList<SimulatedMessage> messages) =>
        messages.Any(m => m.Content.Contains(SimulatorConstants.GuardInstruction, StringComparison.OrdinalIgnoreCase));

    public static string Reply(string textUnderReview)
    {
        string text = textUnderReview.Replace(SimulatorConstants.GuardInstruction, string.Empty, StringComparison.OrdinalIgnoreCase);
        Match blocked = Blocked().Match(text);
        return blocked.Success
            ? $"UNSAFE: the text mentions \"{blocked.Groups[1].Value.ToLowerInvariant()}\", which is on the blocklist."
            : "SAFE";
    }

    [GeneratedRegex(@"\b(weapon|explosive|malware|poison|ransomware)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Blocked();
}
