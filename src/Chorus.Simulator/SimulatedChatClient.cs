using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chorus.Simulator;

/// <summary>An in-process <see cref="IChatClient"/> that runs the same simulated model and latency as <see cref="SimulatorServer"/>,
/// without HTTP: for the demo and fast tests.</summary>
/// <remarks>
/// Each instance has its own engine, so two clients with the same options give the same answers to the same requests.
/// Latency waits on <see cref="SimulatorOptions.TimeProvider"/>. Rate limits are not enforced here, because a refusal is only
/// meaningful with the headers a transport carries; use <see cref="SimulatorServer"/> to exercise them. Faults map to the exceptions an
/// HTTP client would raise: 500 → <see cref="HttpRequestException"/> with <see cref="HttpRequestException.StatusCode"/> 500; reset →
/// <see cref="HttpRequestError.ConnectionError"/>; malformed → <see cref="HttpRequestError.InvalidResponse"/>; truncated stream → some
/// updates then <see cref="HttpRequestError.ResponseEnded"/>; hang → waits until cancelled; missing usage → no
/// <see cref="ChatResponse.Usage"/>; empty choices → no messages. Requests always have one choice (<see cref="ChatOptions"/> has no
/// <c>n</c>). Thread-safe.
/// </remarks>
public sealed class SimulatedChatClient : IChatClient
{
    private readonly SimulatedModel _model;
    private readonly TimeProvider _time;

    /// <summary>Initializes a client.</summary>
    /// <param name="options">The options; validated and copied. <see langword="null"/> uses the defaults.</param>
    /// <exception cref="ArgumentException">The fault rates sum to more than 1.</exception>
    /// <exception cref="FileNotFoundException">The replay file does not exist.</exception>
    /// <exception cref="InvalidDataException">The replay file has an invalid line.</exception>
    public SimulatedChatClient(SimulatorOptions? options = null)
    {
        SimulatorSettings settings = SimulatorSettings.From(options ?? new SimulatorOptions());
        _model = new SimulatedModel(settings);
        _time = settings.TimeProvider;
        Metadata = new ChatClientMetadata("chorus-simulator", null, settings.Model);
    }

    /// <summary>Gets the metadata: provider <c>chorus-simulator</c> and the configured model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        SimulatedPlan plan = Plan(messages, options, stream: false);
        await FailAsync(plan, cancellationToken).ConfigureAwait(false);
        await DelayAsync(plan.TotalLatency, cancellationToken).ConfigureAwait(false);
        if (plan.Fault == SimulatedFault.Malformed)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "The simulated response body was not valid JSON.");
        }

        SimulatedChoice? choice = plan.Fault == SimulatedFault.EmptyChoices ? null : plan.Choices[0];
        return new ChatResponse(choice is null ? [] : [new ChatMessage(ChatRole.Assistant, choice.Text) { MessageId = plan.Id }])
        {
            ResponseId = plan.Id,
            ModelId = ModelOf(options),
            CreatedAt = _time.GetUtcNow(),
            FinishReason = choice is null ? null : FinishReason(choice),
            Usage = plan.Fault == SimulatedFault.MissingUsage ? null : Usage(plan),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SimulatedPlan plan = Plan(messages, options, stream: true);
        await FailAsync(plan, cancellationToken).ConfigureAwait(false);
        await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
        if (plan.Fault == SimulatedFault.Malformed)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "A simulated stream event was not valid JSON.");
        }

        string model = ModelOf(options);
        DateTimeOffset created = _time.GetUtcNow();
        IReadOnlyList<StreamStep> steps = plan.Fault == SimulatedFault.EmptyChoices ? [] : StreamSchedule.Steps(plan);
        int stepsToSend = plan.Fault == SimulatedFault.TruncatedStream ? steps.Count / 2 : steps.Count;
        for (int i = 0; i < stepsToSend; i++)
        {
            await DelayAsync(steps[i].Delay, cancellationToken).ConfigureAwait(false);
            yield return Update(plan, model, created, [new TextContent(steps[i].Pieces[0].Text)]);
        }

        if (plan.Fault == SimulatedFault.TruncatedStream)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The simulated stream ended before [DONE].");
        }

        ChatResponseUpdate last = Update(plan, model, created, plan.Fault == SimulatedFault.MissingUsage ? [] : [new UsageContent(Usage(plan))]);
        last.FinishReason = plan.Fault == SimulatedFault.EmptyChoices ? null : FinishReason(plan.Choices[0]);
        yield return last;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the client holds no resources.</summary>
    public void Dispose()
    {
    }

    private SimulatedPlan Plan(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new SimulatedRequest([.. messages.Select(m => new SimulatedMessage(m.Role.Value, m.Text))])
        {
            Seed = options?.Seed,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxOutputTokens,
            ResponseFormat = options?.ResponseFormat switch
            {
                ChatResponseFormatJson { Schema: not null } => "json_schema",
                ChatResponseFormatJson => "json_object",
                _ => null,
            },
            SchemaName = (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName,
            Schema = (options?.ResponseFormat as ChatResponseFormatJson)?.Schema,
            Stream = stream,
        };
        return _model.Plan(request);
    }

    private async Task FailAsync(SimulatedPlan plan, CancellationToken cancellationToken)
    {
        switch (plan.Fault)
        {
            case SimulatedFault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
                break;
            case SimulatedFault.ServerError:
                await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
                throw new HttpRequestException(HttpRequestError.Unknown, "The simulated server had an error (HTTP 500).", statusCode: HttpStatusCode.InternalServerError);
            case SimulatedFault.Reset:
                await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The simulated connection was reset.");
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _time, cancellationToken) : Task.CompletedTask;

    private string ModelOf(ChatOptions? options) => options?.ModelId is { Length: > 0 } id ? id : Metadata.DefaultModelId!;

    private static ChatResponseUpdate Update(SimulatedPlan plan, string model, DateTimeOffset created, IList<AIContent> contents) =>
        new(ChatRole.Assistant, contents) { ResponseId = plan.Id, MessageId = plan.Id, ModelId = model, CreatedAt = created };

    private static ChatFinishReason FinishReason(SimulatedChoice choice) => choice.FinishReason == "length" ? ChatFinishReason.Length : ChatFinishReason.Stop;

    private static UsageDetails Usage(SimulatedPlan plan) => new()
    {
        InputTokenCount = plan.PromptTokens,
        OutputTokenCount = plan.CompletionTokens,
        TotalTokenCount = plan.PromptTokens + plan.CompletionTokens,
    };
}
