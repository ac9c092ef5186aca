using System.Globalization;
using Microsoft.Extensions.AI;
using Chorus.Voting;

namespace Chorus.Recipes;

/// <summary>The panel vote's branches and the limits a <see cref="VoteOptions"/> sets; used by <see cref="Plans"/>.</summary>
internal static class VotePlans
{

    /// <summary>Sample i goes to voter i mod V, so every prefix of the plan is spread evenly over the panel.</summary>
    public static Plan<VoteResult> ForPanel(string name, IReadOnlyList<Voter> panel, string prompt, VoteOptions options)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (Voter voter in panel)
        {
            if (!labels.Add(voter.Label))
            {
                throw new ArgumentException($"Two voters share the label '{voter.Label}'; labels must be unique.", nameof(panel));
            }
        }

        var branches = new Branch[options.MaxSamples];
        for (int i = 0; i < branches.Length; i++)
        {
            Voter voter = panel[i % panel.Count];
            string label = voter.Label + "#" + (i / panel.Count).ToString(CultureInfo.InvariantCulture);
            branches[i] = new Branch(label, voter.Client, voter.PromptFor(prompt), voter.Options ?? options.ChatOptions);
        }

        var aggregator = new VoteAggregator(options.Aggregator, [.. panel.Select(v => v.Label)], [.. panel.Select(v => v.Weight)]);
        return new Plan<VoteResult>(name, branches, aggregator, FailurePolicy.BestEffort, Limits(options));
    }

    public static RunLimits Limits(VoteOptions options) => new() { MaxConcurrency = options.Concurrency, BranchTimeout = options.SampleTimeout };
}
