namespace Chorus.Voting;

/// <summary>Decides, after each sample of a vote lands, whether to stop sampling; the run then cancels the samples still in flight.</summary>
/// <remarks>
/// A rule is a pure function of the <see cref="VoteSnapshot"/>: it keeps no state, so one instance can serve any number of
/// votes at once. Built-in rules are in <see cref="StoppingRules"/>.
/// </remarks>
public interface IStoppingRule
{
    /// <summary>Gets the rule's name as shown in reports, for example <c>adaptive-beta(0.95)</c>.</summary>
    string Name { get; }

    /// <summary>Checks the vote so far.</summary>
    /// <param name="snapshot">The tally after the latest sample.</param>
    /// <returns>Whether to stop, and the rule's confidence in the current leader.</returns>
    StoppingCheck Check(VoteSnapshot snapshot);
}
