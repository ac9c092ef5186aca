namespace Chorus;

/// <summary>The default prompt templates of the judge and the jury, to use as they are or as a starting point.</summary>
/// <remarks>
/// Templates use placeholders that are replaced in one pass (text put in is never expanded again; other braces are kept):
/// <c>{task}</c> the task the branches were given (<see cref="JudgeOptions.Task"/>, <see cref="JuryOptions.Task"/>, or
/// <see cref="NoTask"/> when not set); <c>{candidates}</c> the candidates as <c>&lt;candidate id="A"&gt;…&lt;/candidate&gt;</c>
/// blocks in the shuffled order; <c>{ids}</c> the ids as <c>A, B, C</c>; <c>{count}</c> the number of candidates; and,
/// for jurors only, <c>{aspect}</c> the juror's aspect.
/// </remarks>
public static class JudgePrompts
{
    /// <summary>What <c>{task}</c> becomes when no task was given.</summary>
    public const string NoTask = "(not given: judge the candidates on their own merits)";

    /// <summary>The default prompt of <see cref="JudgeMode.Pick"/>: asks for <c>{"choice":"&lt;id&gt;","reason":"..."}</c>.</summary>
    public const string Pick =
        """
        You are an impartial judge. Several candidates answered the same task independently. Choose the single best candidate.

        Task:
        {task}

        Candidates:
        {candidates}

        Judge correctness first, then completeness and clarity. The order in which the candidates are shown and their length say nothing about their quality.
        Reply with only a JSON object: {"choice":"<id>","reason":"<one sentence>"}, where <id> is one of {ids}.
        """;

    /// <summary>The default prompt of <see cref="JudgeMode.Synthesize"/>: asks for the final answer as plain text.</summary>
    public const string Synthesize =
        """
        You are an expert editor. Several candidates answered the same task independently. Write the best possible single answer: keep what they got right, resolve their disagreements, fix their mistakes.

        Task:
        {task}

        Candidates:
        {candidates}

        Reply with the final answer only; do not mention the candidates.
        """;

    /// <summary>The default prompt of a juror: asks for <c>{"scores":[{"candidate":"&lt;id&gt;","score":&lt;1-10&gt;,"reason":"..."}]}</c>.</summary>
    public const string Juror =
        """
        You are a juror. Several candidates answered the same task independently. Score each of them on one aspect only: {aspect}.

        Task:
        {task}

        Candidates:
        {candidates}

        Give every candidate a score from 1 (worst) to 10 (best) for {aspect}, and ignore every other aspect. The order in which the candidates are shown and their length say nothing about their quality.
        Reply with only a JSON object: {"scores":[{"candidate":"<id>","score":<1-10>,"reason":"<one sentence>"}]}, with exactly one entry for each of {ids}.
        """;
}
