using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Chorus.Tests.Aggregation;

/// <summary>Scripted judges that read the candidate blocks in their prompt, as a model would.</summary>
internal static partial class JudgeTestHelpers
{
    /// <summary>The candidate blocks of a prompt: id → text, in the order shown.</summary>
    public static List<(string Id, string Text)> Blocks(string prompt) =>
        [.. BlockRegex().Matches(prompt).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    public static string Prompt(IEnumerable<ChatMessage> messages) => messages.Last(m => m.Role == ChatRole.User).Text;

    /// <summary>A judge that answers with <paramref name="reply"/> computed from the shown blocks, recording the prompt and options.</summary>
    public static ScriptedChatClient Judge(Func<List<(string Id, string Text)>, string> reply, List<(string Prompt, ChatOptions? Options)>? calls = null) =>
        new((messages, options, _) =>
        {
            string prompt = Prompt(messages);
            calls?.Add((prompt, options));
            return Task.FromResult(ScriptedChatClient.Reply(reply(Blocks(prompt))));
        });

    /// <summary>A judge that picks the candidate whose text is <paramref name="text"/>.</summary>
    public static ScriptedChatClient Picks(string text, string reason = "best", List<(string Prompt, ChatOptions? Options)>? calls = null) =>
        Judge(blocks => $$"""{"choice":"{{blocks.First(b => b.Text == text).Id}}","reason":"{{reason}}"}""", calls);

    /// <summary>The ids of a prompt's blocks mapped back to the candidates' texts, as <c>A=x, B=y</c>.</summary>
    public static string Order(string prompt) => string.Join(", ", Blocks(prompt).Select(b => $"{b.Id}={b.Text}"));

    [GeneratedRegex("<candidate id=\"(\\w+)\">\\n(.*?)\\n</candidate>", RegexOptions.Singleline)]
    private static partial Regex BlockRegex();
}
