using System.Globalization;

namespace Chorus.Voting;

/// <summary>Stops after a fixed number of samples: plain self-consistency at N.</summary>
internal sealed class FixedSamplesRule(int samples) : IStoppingRule
{
    public string Name { get; } = "fixed(" + samples.ToString(CultureInfo.InvariantCulture) + ")";

    public StoppingCheck Check(VoteSnapshot snapshot) => new(snapshot.Samples >= samples, snapshot.LeaderShare);
}
