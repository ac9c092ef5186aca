using Chorus.Internal;
using Chorus.Estimation;

namespace Chorus.Aggregation;

/// <summary>Prompt sizes of the judges' and jurors' calls, before the candidates exist.</summary>
internal static class FollowUpEstimates
{
    /// <summary>The tokens a <c>&lt;candidate id="A"&gt;…&lt;/candidate&gt;</c> block adds around its text.</summary>
    private const long CandidateFramingTokens = 8;

    /// <summary>The tokens of a rendered judge or juror prompt: the template, the task, and every candidate in its block, as one user message.</summary>
    public static long PromptTokens(string template, string? task, int candidates, long tokensPerCandidate) =>
        TokenEstimator.Count(template) + TokenEstimator.Count(task ?? JudgePrompts.NoTask) + (candidates * (tokensPerCandidate + CandidateFramingTokens)) + 4;
}
