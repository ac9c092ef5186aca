using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>A model picks the best candidate or writes a synthesis; the configuration, shared by every run.</summary>
internal sealed class JudgeAggregator : IAggregator<JudgeResult>, IFollowUpEstimator
{
    private readonly ChatOptions? _chatOptions;

    public JudgeAggregator(IChatClient client, JudgeOptions options)
    {
        Client = client;
        Mode = options.Mode;
        Task = options.Task;
        PromptTemplate = options.PromptTemplate ?? (options.Mode == JudgeMode.Pick ? JudgePrompts.Pick : JudgePrompts.Synthesize);
        _chatOptions = options.ChatOptions?.Clone();
        Seed = options.Seed;
        ShuffleCandidates = options.ShuffleCandidates;
        Label = options.Label;
    }

    public string Name => JudgeConstants.Name;

    public IChatClient Client { get; }

    public JudgeMode Mode { get; }

    public string? Task { get; }

    public string PromptTemplate { get; }

    public int? Seed { get; }

    public bool ShuffleCandidates { get; }

    public string Label { get; }

    public IAggregation<JudgeResult> Begin(int branchCount) => new JudgeAggregation(this, branchCount);

    public IReadOnlyList<FollowUpCall> FollowUpCalls(int candidates, long tokensPerCandidate) =>
        [new FollowUpCall(Label, JudgeConstants.Stage, Client, _chatOptions, FollowUpEstimates.PromptTokens(PromptTemplate, Task, candidates, tokensPerCandidate))];

    /// <summary>Gets a fresh copy of the configured call options, for one judge branch.</summary>
    public ChatOptions CreateChatOptions() => _chatOptions?.Clone() ?? new ChatOptions();
}
