using System.Globalization;
using System.Text;

namespace Chorus.Aggregation;

/// <summary>The candidates shown to judges: successful outcomes in a seeded shuffled order, with ids A, B, C… and the prompt blocks.</summary>
internal sealed class CandidateSet
{
    private CandidateSet(List<Candidate> candidates, int seed, bool shuffled)
    {
        Items = candidates;
        Seed = seed;
        Shuffled = shuffled;
    }

    public IReadOnlyList<Candidate> Items { get; }

    public int Seed { get; }

    public bool Shuffled { get; }

    public int Count => Items.Count;

    /// <summary>Gets the ids in the order shown, as <c>A, B, C</c>.</summary>
    public string IdList => string.Join(", ", Items.Select(c => c.Id));

    /// <summary>Shuffles the successful outcomes (given in branch order) with <c>new Random(seed)</c>, so the order can be reproduced from the seed.</summary>
    public static CandidateSet Create(IReadOnlyList<BranchOutcome> succeeded, bool shuffle, int seed)
    {
        BranchOutcome[] order = [.. succeeded];
        if (shuffle)
        {
#pragma warning disable CA5394 // Position-bias shuffling, not security: a seeded, reproducible generator is the point.
            var random = new Random(seed);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
#pragma warning restore CA5394
        }

        return new CandidateSet([.. order.Select((o, i) => new Candidate(IdFor(i), o))], seed, shuffle);
    }

    /// <summary>Draws a seed when none is configured; recorded in the evidence so the order can be reproduced.</summary>
    public static int NewSeed()
    {
#pragma warning disable CA5394 // Not security: any seed will do, and it is recorded.
        return new Random().Next();
#pragma warning restore CA5394
    }

    /// <summary>The id for a position: A…Z, then AA, AB…</summary>
    public static string IdFor(int position)
    {
        var id = new StringBuilder();
        for (int n = position + 1; n > 0; n = (n - 1) / 26)
        {
            id.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return id.ToString();
    }

    /// <summary>Finds a candidate by the id a model wrote, tolerating case, quotes and a "candidate" prefix.</summary>
    public Candidate? Find(string? written)
    {
        if (written is null)
        {
            return null;
        }

        string id = written.Trim().Trim('"', '\'', '<', '>', '[', ']', '(', ')', '.').Trim();
        if (id.StartsWith("candidate", StringComparison.OrdinalIgnoreCase))
        {
            id = id["candidate".Length..].Trim();
        }

        return Items.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The candidates as <c>&lt;candidate id="A"&gt;…&lt;/candidate&gt;</c> blocks, in the shown order.</summary>
    public string RenderBlocks()
    {
        var builder = new StringBuilder();
        foreach (Candidate candidate in Items)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append("<candidate id=\"").Append(candidate.Id).Append("\">\n")
                .Append(candidate.Text.Trim('\n')).Append("\n</candidate>\n");
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>The seed and the order shown (<c>A=b2, B=b0</c>), then one entry per candidate: id → branch index.</summary>
    public IEnumerable<DecisionEvidence> Evidence()
    {
        string order = string.Join(", ", Items.Select(c => $"{c.Id}={c.Label}"));
        yield return new DecisionEvidence("seed", Seed, Shuffled ? $"order: {order}" : $"order (not shuffled): {order}");
        foreach (Candidate candidate in Items)
        {
            yield return new DecisionEvidence("candidate/" + candidate.Id, candidate.Outcome.Index, candidate.Label);
        }
    }

    /// <summary>Renders the placeholders every judge prompt shares.</summary>
    public Dictionary<string, string> PromptValues(string? task) => new(StringComparer.Ordinal)
    {
        ["task"] = string.IsNullOrWhiteSpace(task) ? JudgePrompts.NoTask : task,
        ["candidates"] = RenderBlocks(),
        ["ids"] = IdList,
        ["count"] = Count.ToString(CultureInfo.InvariantCulture),
    };
}
