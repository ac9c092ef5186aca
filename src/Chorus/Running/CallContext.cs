using System.Diagnostics;
using Microsoft.Extensions.AI;
using Chorus.Diagnostics;
using Chorus.Internal;
using Chorus.Providers;
using Chorus.Estimation;

namespace Chorus.Running;

/// <summary>Makes the calls of one branch, each recorded as an attempt with a client span. Never throws.</summary>
internal sealed class CallContext(RunSession session, Branch branch, string stage, List<AttemptRecord> attempts, BranchContext context)
{
    public async Task<CallResult> InvokeAsync(IChatClient client, ChatOptions? options, AttemptKind kind, CancellationToken token)
    {
        int number = attempts.Count + 1;
        int reportedBefore = context.AttemptCount;
        TimeSpan startedAt = session.Now;
        string? requestModel = options?.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;
        using Activity? activity = ChorusTelemetry.Source.StartActivity(
            requestModel is null ? GenAiAttributes.ChatOperation : $"{GenAiAttributes.ChatOperation} {requestModel}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.ChatOperation);
            activity.SetTag(GenAiAttributes.RequestModel, requestModel);
            activity.SetTag(GenAiAttributes.AttemptKind, kind);
            activity.SetTag(GenAiAttributes.AttemptNumber, number);
            activity.SetTag(GenAiAttributes.RequestTemperature, options?.Temperature);
            activity.SetTag(GenAiAttributes.RequestMaxTokens, options?.MaxOutputTokens);
            activity.SetTag(GenAiAttributes.RequestSeed, options?.Seed);
        }

        // Branches never share a mutable options instance: each call gets its own clone.
        ChatOptions? callOptions = options?.Clone();
        TimeSpan? firstTokenAt = null;
        var partial = session.Settings.UseStreaming ? new List<ChatResponseUpdate>() : null;
        try
        {
            ChatResponse response;
            if (partial is not null)
            {
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(branch.Messages, callOptions, token).ConfigureAwait(false))
                {
                    if (firstTokenAt is null && !string.IsNullOrEmpty(update.Text))
                    {
                        firstTokenAt = session.Now;
                        session.Event(TimelineEventKind.FirstToken, branch.Label, stage);
                    }

                    partial.Add(update);
                }

                response = partial.ToChatResponse();
            }
            else
            {
                response = await client.GetResponseAsync(branch.Messages, callOptions, token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The client for branch '{branch.Label}' returned no response (null).");
            }

            string? model = response.ModelId ?? requestModel;
            // Usage is the provider's word: missing or absurd counts are unknown and estimated, never 0 or negative.
            UsageDetails? usage = TokenEstimator.Check(
                Record(number, kind, reportedBefore, startedAt, AttemptStatus.Ok, null, HttpStatusOf(response), response.Usage, activity, model), branch.Messages, response.Text);
            activity?.SetTag(GenAiAttributes.ResponseModel, response.ModelId);
            activity?.SetTag(GenAiAttributes.ResponseId, response.ResponseId);
            if (response.FinishReason is { } finish)
            {
                activity?.SetTag(GenAiAttributes.FinishReasons, new[] { finish.Value });
            }

            return new CallResult(response, usage, null, model, firstTokenAt);
        }
#pragma warning disable CA1031 // A branch never throws into the run: every error becomes part of its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            bool cancelled = token.IsCancellationRequested;
            ChatResponse? partialResponse = partial is { Count: > 0 } ? partial.ToChatResponse() : null;

            // The provider may bill a call we abandoned: count what it reported, else estimate the prompt and what streamed in.
            UsageDetails? usage = partialResponse?.Usage;
            if (usage is null && cancelled)
            {
                usage = TokenEstimator.Estimate(TokenEstimator.Count(branch.Messages), TokenEstimator.Count(partialResponse?.Text));
            }
            else if (usage is not null)
            {
                usage = TokenEstimator.Check(usage, branch.Messages, partialResponse?.Text);
            }

            AttemptStatus status = cancelled ? AttemptStatus.Cancelled : ex is TimeoutException ? AttemptStatus.Timeout : AttemptStatus.Error;
            int? httpStatus = (ex as ChatProviderException)?.StatusCode;
            usage = Record(number, kind, reportedBefore, startedAt, status, ex.Message, httpStatus, usage, activity, requestModel);
            // A call abandoned because the run stopped or was cancelled is not an error span; the branch span says why.
            if (!cancelled)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            }

            activity?.SetTag(GenAiAttributes.ErrorType, cancelled ? "cancelled" : ex.GetType().FullName);
            return new CallResult(partialResponse, usage, ex, partialResponse?.ModelId ?? requestModel, firstTokenAt);
        }
    }

    /// <summary>Records the call's attempts (the ones middleware reported, else one for the whole call) and returns the call's usage.</summary>
    private UsageDetails? Record(
        int number, AttemptKind kind, int reportedBefore, TimeSpan startedAt, AttemptStatus status, string? error, int? httpStatus, UsageDetails? usage, Activity? activity, string? model)
    {
        TimeSpan finishedAt = session.Now;
        List<ReportedAttempt>? reported = context.AttemptsSince(reportedBefore);
        if (reported is null)
        {
            var attempt = new AttemptRecord(number, kind, startedAt, finishedAt, status, error, httpStatus, usage?.InputTokenCount, usage?.OutputTokenCount, model);
            attempts.Add(attempt);
            session.Attempt(branch.Label, stage, AttemptDetail(kind, number, status, httpStatus), attempt);
        }
        else
        {
            // Middleware saw every HTTP attempt (retries, hedges) and what each cost; the branch pays for all of them.
            UsageDetails? total = null;
            foreach (ReportedAttempt a in reported)
            {
                AttemptKind attemptKind = kind == AttemptKind.Fallback && a.Kind == AttemptKind.Call ? AttemptKind.Fallback : a.Kind;
                attempts.Add(new AttemptRecord(attempts.Count + 1, attemptKind, a.StartedAt, a.FinishedAt, a.Status, a.Error, a.HttpStatus, a.Usage?.InputTokenCount, a.Usage?.OutputTokenCount));
                total = BranchExecutor.Sum(total, a.Usage);
            }

            usage = total ?? usage;
            httpStatus = reported[^1].HttpStatus ?? httpStatus;
        }

        if (httpStatus is { } s)
        {
            activity?.SetTag(GenAiAttributes.HttpStatus, s);
        }

        var modelTag = new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, model);
        var operationTag = new KeyValuePair<string, object?>(GenAiAttributes.OperationName, GenAiAttributes.ChatOperation);
        ChorusTelemetry.OperationDuration.Record((finishedAt - startedAt).TotalSeconds, operationTag, modelTag);
        if (usage is not null)
        {
            activity?.SetTag(GenAiAttributes.InputTokens, usage.InputTokenCount);
            activity?.SetTag(GenAiAttributes.OutputTokens, usage.OutputTokenCount);
            if (usage.InputTokenCount is { } input)
            {
                ChorusTelemetry.TokenUsage.Record(input, operationTag, modelTag, new(GenAiAttributes.TokenType, "input"));
            }

            if (usage.OutputTokenCount is { } output)
            {
                ChorusTelemetry.TokenUsage.Record(output, operationTag, modelTag, new(GenAiAttributes.TokenType, "output"));
            }
        }

        return usage;
    }

    /// <summary>The attempt's timeline detail; the everyday ones are constants, since this runs once per branch.</summary>
    private static string AttemptDetail(AttemptKind kind, int number, AttemptStatus status, int? httpStatus) => (kind, number, status, httpStatus) switch
    {
        (AttemptKind.Call, 1, AttemptStatus.Ok, null) => "call #1: ok",
        (AttemptKind.Call, 1, AttemptStatus.Ok, 200) => "call #1: ok (HTTP 200)",
        _ => httpStatus is { } code
            ? $"{WireNames.Of(kind)} #{number}: {WireNames.Of(status)} (HTTP {code})"
            : $"{WireNames.Of(kind)} #{number}: {WireNames.Of(status)}",
    };

    private static int? HttpStatusOf(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(ProviderResponseInfo.AdditionalPropertiesKey, out object? value) == true
        && value is ProviderResponseInfo info ? info.StatusCode : null;
}
