using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Chorus.Internal;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Estimation;

namespace Chorus.Scheduling;

/// <summary>Middleware that makes every call wait for its endpoint's budget (<see cref="EndpointScheduler"/>) before it is sent,
/// and tells the scheduler how it went: usage to reconcile tokens, rate-limit headers to learn limits, 429s to back off.</summary>
/// <remarks>
/// <para>Put it directly above the client that talks to the provider and below <see cref="ResilientChatClient"/>, so that every
/// attempt — first call, retry or hedge — passes the budget. Time spent waiting is reported to the branch
/// (<see cref="BranchContext.RecordThrottleWait"/>) with what it waited for. Calls of a second stage (judges) go before new samples,
/// and calls of different runs take turns.</para>
/// <para>Cancelling while queued takes and releases nothing. Thread-safe; the scheduler is not disposed with this client.</para>
/// </remarks>
public sealed class SchedulingChatClient : DelegatingChatClient
{
    /// <summary>Initializes the middleware.</summary>
    /// <param name="innerClient">The client that talks to the provider.</param>
    /// <param name="scheduler">The endpoint's scheduler, shared by every client of the same endpoint and account.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public SchedulingChatClient(IChatClient innerClient, EndpointScheduler scheduler)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        Classifier = innerClient.FailureClassifier();
    }

    /// <summary>Gets the classifier of the inner client's failures, found through <see cref="IChatClient.GetService"/>
    /// (<see cref="ProviderFailureExtensions.WithFailureClassifier"/>), else <see cref="ProviderFailureClassifier.Default"/>.</summary>
    public ProviderFailureClassifier Classifier { get; }

    /// <summary>Gets the scheduler calls wait for.</summary>
    public EndpointScheduler Scheduler { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        using SchedulerLease lease = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
        try
        {
            ChatResponse response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            lease.Succeeded(SignalsOf(response.AdditionalProperties), response.Usage);
            return response;
        }
        catch (Exception ex) when (Refused(lease, ex, cancellationToken))
        {
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        using SchedulerLease lease = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
        UsageDetails? usage = null;
        RateLimitSignals? signals = null;
        IAsyncEnumerator<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (Refused(lease, ex, cancellationToken))
                {
                    throw;
                }

                ChatResponseUpdate update = updates.Current;
                foreach (AIContent content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        usage = u.Details;
                    }
                }

                signals = SignalsOf(update.AdditionalProperties) ?? signals;
                yield return update;
            }
        }

        lease.Succeeded(signals, usage);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(EndpointScheduler) ? Scheduler : base.GetService(serviceType, serviceKey);
    }

    /// <summary>Tells the scheduler about a refusal, whichever client raised it. An exception filter that never catches.</summary>
    private bool Refused(SchedulerLease lease, Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || Classifier.Classify(exception) is not { } failure)
        {
            return false;
        }

        if (failure.Kind == ProviderErrorKind.RateLimited)
        {
            lease.RateLimited(failure.RetryAfter, failure.RateLimits ?? RateLimitSignals.Empty);
        }
        else if (failure.Kind == ProviderErrorKind.QuotaExceeded)
        {
            Scheduler.OnQuotaExceeded(exception);
        }

        return false;
    }

    private async Task<SchedulerLease> AdmitAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        BranchContext? branch = BranchContext.Current;
        SchedulerRequest request = CreateRequest(messages, options, branch);
        SchedulerLease lease = await Scheduler.AcquireAsync(request, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            // Admitted in the same instant the caller gave up: the call is never sent, so its budget goes back.
            lease.Unsent();
            lease.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (lease.Wait > TimeSpan.Zero)
        {
            branch?.RecordThrottleWait(lease.Wait, Describe(lease.BlockedBy));
        }

        AttemptScope.Current?.MarkAdmitted();
        return lease;
    }

    private SchedulerRequest CreateRequest(IReadOnlyList<ChatMessage> messages, ChatOptions? options, BranchContext? branch)
    {
        int samples = 1;
        if (options?.AdditionalProperties is { } properties && properties.TryGetValue(SchedulingConstants.SampleCountKey, out int n) && n > 1)
        {
            samples = n;
        }

        // The same estimate as the plan's and the spend cap's: the model's own tokenizer where known.
        long input = TokenEstimator.Count(messages, options?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId);
        bool capped = options?.MaxOutputTokens is > 0;
        long output = capped ? options!.MaxOutputTokens!.Value : Scheduler.ExpectedOutput();
        int lane = branch?.IsSecondStage == true ? 0 : 1;
        return new SchedulerRequest(input, output, samples, capped, lane, branch?.RunKey ?? SchedulingConstants.NoRun);
    }

    private static RateLimitSignals? SignalsOf(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(ProviderResponseInfo.AdditionalPropertiesKey, out object? value) == true && value is ProviderResponseInfo info ? info.RateLimits : null;

    private static string Describe(SchedulerBlock block)
    {
        if (block == SchedulerBlock.None)
        {
            return "queue";
        }

        var parts = new List<string>(4);
        if (block.HasFlag(SchedulerBlock.RetryAfter))
        {
            parts.Add("retry-after");
        }

        if (block.HasFlag(SchedulerBlock.Requests))
        {
            parts.Add("requests/min");
        }

        if (block.HasFlag(SchedulerBlock.Tokens))
        {
            parts.Add("tokens/min");
        }

        if (block.HasFlag(SchedulerBlock.Concurrency))
        {
            parts.Add("concurrency");
        }

        return string.Join(", ", parts);
    }
}
