namespace Chorus.Voting;

/// <summary>Stops as soon as any of several rules says so; its confidence is the firing rule's, else the first rule's.</summary>
internal sealed class AnyRule(IStoppingRule[] rules) : IStoppingRule
{
    public string Name { get; } = "any(" + string.Join(", ", rules.Select(r => r.Name)) + ")";

    public StoppingCheck Check(VoteSnapshot snapshot)
    {
        StoppingCheck first = default;
        for (int i = 0; i < rules.Length; i++)
        {
            StoppingCheck check = rules[i].Check(snapshot);
            if (check.Stop)
            {
                return check;
            }

            if (i == 0)
            {
                first = check;
            }
        }

        return first;
    }
}
