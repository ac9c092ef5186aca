namespace Chorus.Recipes;

/// <summary>The default prompts of <see cref="MapReduce"/>.</summary>
public static class MapReducePrompts
{
    /// <summary>The map prompt: summarize one chunk.</summary>
    public const string Map = "Summarize the following text in one or two sentences, keeping names and numbers:\n{text}";

    /// <summary>The reduce prompt: combine notes, citing the ids of the notes each sentence uses.</summary>
    public const string Reduce = "Summarize the following notes in a few sentences, one per line, ending each with the bracketed ids of the notes it uses, like [m3][m7]:\n{notes}";
}
