using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Chorus.Simulator;

/// <summary>Serves <c>POST /v1/chat/completions</c>: parses, checks rate limits, asks the engine, then answers (or injects the fault).</summary>
/// <remarks>Thread-safe; one instance serves every request. Never logs request bodies.</remarks>
internal sealed class ChatCompletionsHandler(SimulatedModel model, RateLimitGate gate, SimulatorStatsCounter stats, CancellationToken stopping)
{
    private readonly SimulatorSettings _settings = model.Settings;
    private readonly long _startedAt = model.Settings.TimeProvider.GetTimestamp();
    private long _quotaUsed;
    private int _inFlight;

    public async Task HandleAsync(HttpContext context)
    {
        stats.Increment(SimulatorStatsCounter.Counter.Requests);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        CancellationToken cancellationToken = linked.Token;
        try
        {
            await HandleCoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up (nothing to answer) or the server is stopping (drop the connection so shutdown is prompt).
            if (stopping.IsCancellationRequested)
            {
                context.Abort();
            }
        }
    }

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        (ChatCompletionRequestDto? dto, SimulatedRequest? request, string? error, string? param) = await ReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (request is null || dto is null)
        {
            stats.Increment(SimulatorStatsCounter.Counter.BadRequests);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!, "invalid_request_error", param, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_settings.RedirectStatus is { } redirect)
        {
            // A misconfigured endpoint: the answer points back here, so a client that follows loops until its own limit.
            context.Response.StatusCode = redirect;
            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
            return;
        }

        if (InOutage())
        {
            stats.Increment(SimulatorStatsCounter.Counter.ServerErrors);
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "The engine is currently overloaded, please try again later. (simulated outage)", "server_error", null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_settings.QuotaRequests is { } quota && Interlocked.Increment(ref _quotaUsed) > quota)
        {
            // Not a rate limit: no budget comes back with time, so no retry-after and no x-ratelimit-* headers.
            stats.Increment(SimulatorStatsCounter.Counter.RateLimited);
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. (simulated)", "insufficient_quota", null, "insufficient_quota", cancellationToken).ConfigureAwait(false);
            return;
        }

        long tokenCost = SimulatedTokenizer.CountPrompt(request.Messages.Select(m => m.Content))
            + ((long)request.N * (request.MaxTokens ?? SimulatorConstants.DefaultCompletionTokens));
        RateLimitDecision decision = gate.TryAdmit(tokenCost);
        RateLimitHeaders.Write(context.Response, decision, _settings);
        if (!decision.Admitted)
        {
            stats.Increment(SimulatorStatsCounter.Counter.RateLimited);
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, decision.Message!, decision.RefusedBy!, null, "rate_limit_exceeded", cancellationToken).ConfigureAwait(false);
            return;
        }

        int inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            await AnswerAsync(context, dto, request, inFlight, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Whether now falls in the configured outage window.</summary>
    private bool InOutage()
    {
        if (_settings.OutageStart is not { } start)
        {
            return false;
        }

        TimeSpan since = _settings.TimeProvider.GetElapsedTime(_startedAt);
        return since >= start && since < start + _settings.OutageDuration;
    }

    private async Task AnswerAsync(HttpContext context, ChatCompletionRequestDto dto, SimulatedRequest request, int inFlight, CancellationToken cancellationToken)
    {
        SimulatedPlan plan = model.Plan(request);
        if (_settings.BatchSlowdown > 0 && inFlight > 1)
        {
            // A batching server: one forward pass serves every request in flight, so each one's time stretches with the batch.
            double factor = 1 + (_settings.BatchSlowdown * (inFlight - 1));
            plan = plan with { TimeToFirstToken = plan.TimeToFirstToken * factor, TimePerToken = plan.TimePerToken * factor };
        }

        stats.CountQuestion(plan.QuestionKey);
        if (request.Stream)
        {
            stats.Increment(SimulatorStatsCounter.Counter.StreamingRequests);
        }

        context.Response.Headers["x-request-id"] = "req_" + plan.Id["chatcmpl-".Length..];
        context.Response.Headers["openai-processing-ms"] = ((long)plan.TotalLatency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var wire = new CompletionWire(plan, dto.Model is { Length: > 0 } m ? m : _settings.Model, _settings.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        switch (plan.Fault)
        {
            case SimulatedFault.ServerError:
                stats.Increment(SimulatorStatsCounter.Counter.ServerErrors);
                await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "The server had an error while processing your request. Sorry about that! (simulated)", "server_error", null, null, cancellationToken).ConfigureAwait(false);
                return;
            case SimulatedFault.Hang:
                stats.CountHang();
                await Task.Delay(Timeout.InfiniteTimeSpan, _settings.TimeProvider, cancellationToken).ConfigureAwait(false);
                return;
            case SimulatedFault.Reset:
                stats.Increment(SimulatorStatsCounter.Counter.Resets);
                await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
                context.Abort();
                return;
            case SimulatedFault.Malformed:
                stats.Increment(SimulatorStatsCounter.Counter.Malformed);
                break;
            case SimulatedFault.TruncatedStream:
                stats.Increment(SimulatorStatsCounter.Counter.TruncatedStreams);
                break;
            case SimulatedFault.MissingUsage:
                stats.Increment(SimulatorStatsCounter.Counter.MissingUsage);
                break;
            case SimulatedFault.EmptyChoices:
                stats.Increment(SimulatorStatsCounter.Counter.EmptyChoices);
                break;
            default:
                stats.Increment(SimulatorStatsCounter.Counter.Succeeded);
                break;
        }

        stats.Increment(SimulatorStatsCounter.Counter.PromptTokens, plan.PromptTokens);
        stats.Increment(SimulatorStatsCounter.Counter.CompletionTokens, plan.CompletionTokens);
        if (request.Stream)
        {
            await StreamAsync(context, wire, dto.StreamOptions?.IncludeUsage == true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await DelayAsync(plan.TotalLatency, cancellationToken).ConfigureAwait(false);
            await WriteCompletionAsync(context, wire, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteCompletionAsync(HttpContext context, CompletionWire wire, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(wire.Completion(), SimulatorJsonContext.Default.ChatCompletionDto);
        if (wire.Plan.Fault == SimulatedFault.Malformed)
        {
            // Cut the document half-way: a 200 whose body is not JSON, as from a proxy that dropped the connection's tail.
            body = body[..(body.Length / 2)];
        }

        await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, CompletionWire wire, bool includeUsage, CancellationToken cancellationToken)
    {
        SimulatedPlan plan = wire.Plan;
        await DelayAsync(plan.TimeToFirstToken, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        var sse = new SseWriter(context.Response.Body, wire, includeUsage);
        bool choices = plan.Fault != SimulatedFault.EmptyChoices;
        if (choices)
        {
            // As OpenAI, each chunk carries one choice; with n > 1 the choices' chunks interleave.
            for (int i = 0; i < plan.Choices.Count; i++)
            {
                await sse.WriteAsync(i, new DeltaDto("assistant", string.Empty), null, cancellationToken).ConfigureAwait(false);
            }
        }

        if (plan.Fault == SimulatedFault.Malformed)
        {
            await sse.WriteRawAsync("{\"id\":\"" + plan.Id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The ans", cancellationToken).ConfigureAwait(false);
            await sse.WriteRawAsync("[DONE]", cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<StreamStep> steps = choices ? StreamSchedule.Steps(plan) : [];
        int stepsToSend = plan.Fault == SimulatedFault.TruncatedStream ? steps.Count / 2 : steps.Count;
        for (int i = 0; i < stepsToSend; i++)
        {
            await DelayAsync(steps[i].Delay, cancellationToken).ConfigureAwait(false);
            foreach ((int choice, string text) in steps[i].Pieces)
            {
                await sse.WriteAsync(choice, new DeltaDto(null, text), null, cancellationToken).ConfigureAwait(false);
            }
        }

        if (plan.Fault == SimulatedFault.TruncatedStream)
        {
            return;
        }

        if (choices)
        {
            for (int i = 0; i < plan.Choices.Count; i++)
            {
                await sse.WriteAsync(i, new DeltaDto(null, null), plan.Choices[i].FinishReason, cancellationToken).ConfigureAwait(false);
            }
        }

        if (includeUsage && plan.Fault != SimulatedFault.MissingUsage)
        {
            await sse.WriteUsageAsync(wire.Usage(), cancellationToken).ConfigureAwait(false);
        }

        await sse.WriteRawAsync("[DONE]", cancellationToken).ConfigureAwait(false);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _settings.TimeProvider, cancellationToken) : Task.CompletedTask;

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? param, string? code, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorEnvelopeDto(new ErrorDto(message, type, param, code)), SimulatorJsonContext.Default.ErrorEnvelopeDto, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(ChatCompletionRequestDto? Dto, SimulatedRequest? Request, string? Error, string? Param)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ChatCompletionRequestDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Default.ChatCompletionRequestDto, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (null, null, $"We could not parse the JSON body of your request: {ex.Message}", null);
        }

        if (dto?.Messages is not { Count: > 0 } messages)
        {
            return (null, null, "'messages' must be a non-empty array.", "messages");
        }

        int n = dto.N ?? 1;
        int? maxTokens = dto.MaxCompletionTokens ?? dto.MaxTokens;
        string? problem =
            n is < 1 or > SimulatorConstants.MaxChoices ? FormattableString.Invariant($"'n' must be between 1 and {SimulatorConstants.MaxChoices}, was {n}.") :
            maxTokens is < 1 ? FormattableString.Invariant($"'max_tokens' must be at least 1, was {maxTokens}.") :
            dto.Temperature is < 0 or > 2 ? FormattableString.Invariant($"'temperature' must be between 0 and 2, was {dto.Temperature}.") :
            null;
        if (problem is not null)
        {
            return (null, null, problem, problem[1..problem.IndexOf('\'', 1)]);
        }

        var request = new SimulatedRequest([.. messages.Select(m => new SimulatedMessage(m.Role ?? "user", m.Text()))])
        {
            N = n,
            Seed = dto.Seed,
            Temperature = dto.Temperature,
            MaxTokens = maxTokens,
            ResponseFormat = dto.ResponseFormat?.Type,
            SchemaName = dto.ResponseFormat?.JsonSchema?.Name,
            Schema = dto.ResponseFormat?.JsonSchema?.Schema,
            Stream = dto.Stream == true,
        };
        return (dto, request, null, null);
    }
}
