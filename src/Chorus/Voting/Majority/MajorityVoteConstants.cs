namespace Chorus.Voting;

/// <summary>Names used by the majority vote.</summary>
internal static class MajorityVoteConstants
{
    public const string Name = "majority";

    public const string NoAnswerKey = "abstained/no answer";

    public const string NotCountedKey = "not counted";

    public const string AbstainedPrefix = "abstained/";
}
