using Microsoft.Extensions.AI;

namespace Chorus.TestKit;

/// <summary>A stand-in for the runner's second stage: calls each branch's client in turn and records what it ran.</summary>
public sealed class TestStageRunner
{
    public List<(string Stage, IReadOnlyList<Branch> Branches)> Stages { get; } = [];

    public IEnumerable<Branch> AllBranches => Stages.SelectMany(s => s.Branches);

    public AggregationContext Context(params BranchOutcome[] outcomes) =>
        new([.. outcomes.OrderBy(o => o.Index)], RunAsync);

    public async Task<IReadOnlyList<BranchOutcome>> RunAsync(string stage, IReadOnlyList<Branch> branches, CancellationToken cancellationToken)
    {
        lock (Stages)
        {
            Stages.Add((stage, branches));
        }

        var outcomes = new List<BranchOutcome>();
        for (int i = 0; i < branches.Count; i++)
        {
            Branch branch = branches[i];
            try
            {
                ChatResponse response = await branch.Client.GetResponseAsync(branch.Messages, branch.Options?.Clone(), cancellationToken);
                outcomes.Add(new BranchOutcome { Index = i, Label = branch.Label, Stage = stage, Status = BranchStatus.Succeeded, Response = response, Usage = response.Usage });
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new BranchOutcome { Index = i, Label = branch.Label, Stage = stage, Status = BranchStatus.Failed, Error = ex });
            }
        }

        return outcomes;
    }
}
