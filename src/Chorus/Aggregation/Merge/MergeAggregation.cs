using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chorus.Aggregation;

/// <summary>One run of the merge: reads each section's object, merges by field, optionally asks the synthesizer for the final text.</summary>
internal sealed class MergeAggregation<T>(MergeAggregator<T> config, int branchCount) : AggregationBase<MergeResult<T>>(branchCount)
{
    private const string SynthesizeStage = "synthesize";

    protected override async Task<AggregationResult<MergeResult<T>>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        var sections = new List<(string Label, JsonObject Section)>();
        var unusable = new List<string>();
        foreach (BranchOutcome outcome in AddedInBranchOrder())
        {
            if (!outcome.Succeeded)
            {
                unusable.Add($"{outcome.Label}: {AggregationText.DescribeFailure(outcome)}");
            }
            else if (JsonReply.TryParseObject(outcome.Text, out JsonElement root) && JsonNode.Parse(JsonReply.Canonical(root)) is JsonObject section)
            {
                sections.Add((outcome.Label, section));
            }
            else
            {
                unusable.Add($"{outcome.Label}: its reply holds no JSON object");
            }
        }

        foreach (string label in NotAddedLabels(context))
        {
            unusable.Add($"{label}: no outcome");
        }

        if (sections.Count == 0)
        {
            string why = AddedInBranchOrder().Any(o => o.Succeeded) ? string.Join("; ", unusable) : DescribeNoSuccess();
            throw new AggregationException($"No section could be merged: {why}.");
        }

        JsonObject merged = MergeHelper.Merge(sections, out List<MergeConflict> conflicts, out Dictionary<string, string> sources);
        string json = merged.ToJsonString();
        if (config.FailOnConflict && conflicts.Count > 0)
        {
            throw new AggregationException($"The sections conflict: {Describe(conflicts)}.", json);
        }

        T value;
        try
        {
            value = JsonSerializer.Deserialize(json, config.TypeInfo)
                ?? throw new AggregationException($"The merged sections deserialized to null as {typeof(T).Name}.", json);
        }
        catch (JsonException ex)
        {
            throw new AggregationException($"The merged sections do not make a valid {typeof(T).Name}: {ex.Message}", json, ex);
        }

        var evidence = new List<DecisionEvidence>();
        foreach ((string path, string label) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            evidence.Add(new DecisionEvidence("field/" + path, 1, "from " + label));
        }

        foreach (MergeConflict conflict in conflicts)
        {
            evidence.Add(new DecisionEvidence("conflict/" + conflict.Field, conflict.Values.Count, $"kept {conflict.KeptFrom}; " + string.Join(" vs ", conflict.Values.Select(v => $"{v.Section}={v.Json}"))));
        }

        foreach (string reason in unusable)
        {
            evidence.Add(new DecisionEvidence("unusable/" + reason[..reason.IndexOf(':', StringComparison.Ordinal)], 0, reason));
        }

        string? text = config.Synthesizer is null ? null : await SynthesizeAsync(context, json, conflicts, evidence, cancellationToken).ConfigureAwait(false);
        string summary = $"merged {sections.Count} sections into {sources.Count} fields; {conflicts.Count} conflicts{(conflicts.Count > 0 ? $" ({Describe(conflicts)})" : string.Empty)}"
            + (unusable.Count > 0 ? $"; {unusable.Count} unusable" : string.Empty);
        double confidence = sources.Count == 0 ? 1 : 1 - ((double)conflicts.Count / sources.Count);
        return new AggregationResult<MergeResult<T>>(
            new MergeResult<T>(value, json, conflicts, sources, unusable, text),
            new AggregationDecision(config.Name, summary, null, confidence, evidence));
    }

    private static string Describe(List<MergeConflict> conflicts) =>
        string.Join("; ", conflicts.Select(c => $"{c.Field}: " + string.Join(" vs ", c.Values.Select(v => $"{v.Section}={v.Json}"))));

    private async Task<string?> SynthesizeAsync(AggregationContext context, string json, List<MergeConflict> conflicts, List<DecisionEvidence> evidence, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["merged"] = json,
            ["conflicts"] = conflicts.Count == 0 ? "(none)" : string.Join("\n", conflicts.Select(c => $"- {c.Field}: kept {c.KeptFrom}'s value; " + string.Join(" vs ", c.Values.Select(v => $"{v.Section}={v.Json}")))),
        };
        var branch = new Branch("synthesizer", config.Synthesizer!, AggregationText.Render(config.SynthesizerPrompt, values), config.CreateSynthesizerOptions());
        IReadOnlyList<BranchOutcome> stage = await context.RunStageAsync(SynthesizeStage, [branch], cancellationToken).ConfigureAwait(false);
        if (stage[0].Succeeded && !string.IsNullOrWhiteSpace(stage[0].Text))
        {
            return stage[0].Text;
        }

        evidence.Add(new DecisionEvidence("synthesizer", 0, "no final text: " + (stage[0].Succeeded ? "empty reply" : AggregationText.DescribeFailure(stage[0]))));
        return null;
    }
}
