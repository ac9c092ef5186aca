using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Chorus.Reporting;
using Chorus.Voting;

namespace Chorus.Recipes;

/// <summary>
/// Middleware that makes any <see cref="IChatClient"/> vote: each request is sampled up to <see cref="VoteOptions.MaxSamples"/>
/// times with early stopping, and the winning sample's response is returned, carrying the run's report.
/// </summary>
/// <remarks>
/// The returned response has the winner's messages, the run's total usage (every sample, cancelled work included), and in
/// <see cref="ChatResponse.AdditionalProperties"/> the <see cref="RunReport"/> under <see cref="ReportKey"/> and the
/// <see cref="VoteResult"/> under <see cref="VoteKey"/>. Streaming waits for the vote, then streams the winner's response; the
/// last update carries the same properties. Thread-safe; the options are copied when the client is built. When the vote cannot
/// decide (every sample failed or had no answer) the call throws <see cref="RunFailedException"/>.
/// </remarks>
public sealed class VotingChatClient : DelegatingChatClient
{
    /// <summary>The key of the <see cref="RunReport"/> in the response's additional properties.</summary>
    public const string ReportKey = "chorus.report";

    /// <summary>The key of the <see cref="VoteResult"/> in the response's additional properties.</summary>
    public const string VoteKey = "chorus.vote";

    private readonly VoteOptions _options;
    private readonly VoteAggregator _aggregator;
    private readonly PlanRunner _runner;

    /// <summary>Initializes a voting client.</summary>
    /// <param name="innerClient">The client that produces the samples.</param>
    /// <param name="options">The vote's options; copied now. <see langword="null"/> for the defaults. <see cref="VoteOptions.ChatOptions"/> applies only when a call passes no options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public VotingChatClient(IChatClient innerClient, VoteOptions? options = null)
        : base(innerClient)
    {
        VoteOptions source = options ?? new VoteOptions();
        _options = new VoteOptions
        {
            MaxSamples = source.MaxSamples,
            Concurrency = source.Concurrency,
            SampleTimeout = source.SampleTimeout,
            ChatOptions = source.ChatOptions?.Clone(),
        };
        _aggregator = new VoteAggregator(source.Aggregator);
        _runner = source.Runner ?? PlanRunner.Default;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        RunResult<VoteResult> result = await VoteAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return WinningResponse(result);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RunResult<VoteResult> result = await VoteAsync(messages, options, cancellationToken).ConfigureAwait(false);
        ChatResponse response = WinningResponse(result);
        ChatResponseUpdate[] updates = response.ToChatResponseUpdates();
        if (updates.Length > 0)
        {
            ChatResponseUpdate last = updates[^1];
            last.AdditionalProperties ??= [];
            last.AdditionalProperties[ReportKey] = result.Report;
            last.AdditionalProperties[VoteKey] = result.Value;
        }

        foreach (ChatResponseUpdate update in updates)
        {
            yield return update;
        }
    }

    private Task<RunResult<VoteResult>> VoteAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Plan<VoteResult> plan = Plans.Vote("vote", RecipeBranches.Samples(InnerClient, [.. messages], _options.MaxSamples, options ?? _options.ChatOptions), _aggregator, FailurePolicy.BestEffort, VotePlans.Limits(_options));
        return _runner.RunAsync(plan, cancellationToken);
    }

    private static ChatResponse WinningResponse(RunResult<VoteResult> result)
    {
        ChatResponse winner = result.Value.Response;
        var properties = winner.AdditionalProperties is { } existing ? new AdditionalPropertiesDictionary(existing) : [];
        properties[ReportKey] = result.Report;
        properties[VoteKey] = result.Value;
        return new ChatResponse([.. winner.Messages])
        {
            ResponseId = winner.ResponseId,
            ConversationId = winner.ConversationId,
            ModelId = winner.ModelId,
            CreatedAt = winner.CreatedAt,
            FinishReason = winner.FinishReason,
            RawRepresentation = winner.RawRepresentation,
            Usage = new UsageDetails
            {
                InputTokenCount = result.Report.InputTokens,
                OutputTokenCount = result.Report.OutputTokens,
                TotalTokenCount = result.Report.TotalTokens,
            },
            AdditionalProperties = properties,
        };
    }
}
