using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Merges typed sections by field; the configuration, shared by every run.</summary>
internal sealed class MergeAggregator<T> : IAggregator<MergeResult<T>>
{
    public const string DefaultSynthesizerPrompt =
        """
        Write the final answer from this merged plan. Be clear and complete; use every field. Where the sections disagreed (listed below), say so and say which value was used.

        Merged plan (JSON):
        {merged}

        Conflicts:
        {conflicts}
        """;

    private readonly ChatOptions? _synthesizerOptions;

    public MergeAggregator(JsonTypeInfo<T> typeInfo, MergeOptions options)
    {
        TypeInfo = typeInfo;
        FailOnConflict = options.FailOnConflict;
        Synthesizer = options.Synthesizer;
        SynthesizerPrompt = options.SynthesizerPrompt ?? DefaultSynthesizerPrompt;
        _synthesizerOptions = options.SynthesizerOptions?.Clone();
    }

    public string Name => "merge";

    public JsonTypeInfo<T> TypeInfo { get; }

    public bool FailOnConflict { get; }

    public IChatClient? Synthesizer { get; }

    public string SynthesizerPrompt { get; }

    public ChatOptions? CreateSynthesizerOptions() => _synthesizerOptions?.Clone();

    public IAggregation<MergeResult<T>> Begin(int branchCount) => new MergeAggregation<T>(this, branchCount);
}
