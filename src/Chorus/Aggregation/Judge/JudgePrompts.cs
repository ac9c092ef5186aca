namespace Chorus.Aggregation;

/// <summary>The default prompt templates of the judge and the jury, to use as they are or as a starting point.</summary>
/// <remarks>
/// Templates use placeholders that are replaced in one pass (text put in is never expanded again; other braces are kept):
/// <c>{task}</c> the task the branches were given (<see cref="JudgeOptions.Task"/>, <see cref="JuryOptions.Task"/>, or
/// <see cref="NoTask"/> when not set); <c>{candidates}</c> the candidates as <c>&lt;candidate id="A"&gt;…&lt;/candidate&gt;</c>
/// blocks in the shuffled order; <c>{ids}</c> the ids as <c>A, B, C</c>; <c>{count}</c> the number of candidates; and,
/// for jurors and pairwise judges, <c>{aspect}</c> the juror's aspect and <c>{criteria}</c> its rubric (<see cref="Juror.Criteria"/>, or the aspect).
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
        You are a juror. Several candidates answered the same task independently. Score each of them on one aspect only.
        Aspect: {aspect}
        Rubric: {criteria}

        Task:
        {task}

        Candidates:
        {candidates}

        Give every candidate a score from 1 (worst) to 10 (best) for {aspect}, and ignore every other aspect. The order in which the candidates are shown and their length say nothing about their quality.
        Reply with only a JSON object: {"scores":[{"candidate":"<id>","score":<1-10>,"reason":"<one sentence>"}]}, with exactly one entry for each of {ids}.
        """;

    /// <summary>The default prompt of a pairwise judge: two candidates, A and B; asks for <c>{"choice":"A"|"B"|"tie","reason":"..."}</c>.</summary>
    public const string Pairwise =
        """
        You are an impartial judge. Two candidates answered the same task independently. Decide which one is better on one aspect.
        Aspect: {aspect}
        Rubric: {criteria}

        Task:
        {task}

        Candidates:
        {candidates}

        The order in which the candidates are shown and their length say nothing about their quality. Answer tie only when neither is better.
        Reply with only a JSON object: {"choice":"A" or "B" or "tie","reason":"<one sentence>"}.
        """;
}
