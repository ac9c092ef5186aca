using System.ClientModel;
using System.Diagnostics;
using Chorus.Benchmarks.Support;
using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using SdkChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkUserChatMessage = OpenAI.Chat.UserChatMessage;
using Chorus.Reporting;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>The systems compared: Chorus (runner → resilience → scheduler → HTTP), and the two baselines users write by hand —
/// one call after another, and <c>Task.WhenAll</c> over the official OpenAI SDK with its default retries.</summary>
internal static class Systems
{
    public const string Model = "chorus-sim-1";

    /// <summary>The Chorus stack over real HTTP to the simulator.</summary>
    public static IChatClient Chorus(SimulatorServer server, EndpointScheduler scheduler, ResilienceOptions resilience) =>
        new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = server.BaseUri, Model = Model, ReadApiKeyFromEnvironment = false })
            .WithScheduler(scheduler)
            .WithResilience(resilience);

    /// <summary>The official SDK client as a user creates it: default options, so its default retry policy, pointed at the simulator.</summary>
    public static SdkChatClient Sdk(SimulatorServer server) =>
        new(Model, new ApiKeyCredential("sim-not-a-key"), new OpenAIClientOptions { Endpoint = server.BaseUri });

    public static async Task<(Measured Measured, RunReport Report)> RunChorusAsync(IChatClient client, IReadOnlyList<string> prompts, int? maxTokens, string name, RunLimits? limits = null)
    {
        var options = maxTokens is { } m ? new ChatOptions { MaxOutputTokens = m } : null;
        Branch[] branches = [.. prompts.Select((p, i) => new Branch($"{name}-{i}", client, p, options))];
        var plan = new Plan<int>(name, branches, new CountingAggregator(), FailurePolicy.BestEffort, limits ?? new RunLimits { MaxConcurrency = prompts.Count });
        long start = Stopwatch.GetTimestamp();
        RunReport report;
        try
        {
            report = (await PlanRunner.Default.RunAsync(plan)).Report;
        }
        catch (RunFailedException ex)
        {
            report = ex.Report ?? throw new InvalidOperationException("The failed run has no report.", ex);
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (new Measured(wall, report.Succeeded, report.Failed, [.. report.Branches.Select(b => b.DurationMs)], report.Retries, report.Hedges), report);
    }

    /// <summary><c>Task.WhenAll</c> over every prompt at once. Calls still hanging at <paramref name="cap"/> are abandoned and counted as failed.</summary>
    public static async Task<Measured> RunNaiveAsync(SdkChatClient sdk, IReadOnlyList<string> prompts, int? maxTokens, TimeSpan cap)
    {
        using var cts = new CancellationTokenSource(cap);
        long start = Stopwatch.GetTimestamp();
        (bool Ok, double Ms)[] results = await Task.WhenAll(prompts.Select(p => CallSdkAsync(sdk, p, maxTokens, cts.Token)));
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Measured(wall, results.Count(r => r.Ok), results.Count(r => !r.Ok), [.. results.Select(r => r.Ms)], 0, 0);
    }

    /// <summary>One call after another; at most <paramref name="limit"/> calls, or until <paramref name="cap"/>.</summary>
    public static async Task<Measured> RunSequentialAsync(SdkChatClient sdk, IReadOnlyList<string> prompts, int? maxTokens, int limit, TimeSpan cap)
    {
        using var cts = new CancellationTokenSource(cap);
        long start = Stopwatch.GetTimestamp();
        var results = new List<(bool Ok, double Ms)>();
        foreach (string prompt in prompts.Take(limit))
        {
            results.Add(await CallSdkAsync(sdk, prompt, maxTokens, cts.Token));
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Measured(wall, results.Count(r => r.Ok), results.Count(r => !r.Ok), [.. results.Select(r => r.Ms)], 0, 0);
    }

    private static async Task<(bool Ok, double Ms)> CallSdkAsync(SdkChatClient sdk, string prompt, int? maxTokens, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            var options = new SdkChatCompletionOptions { MaxOutputTokenCount = maxTokens };
            await sdk.CompleteChatAsync(new SdkChatMessage[] { new SdkUserChatMessage(prompt) }, options, cancellationToken);
            return (true, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is ClientResultException or OperationCanceledException or HttpRequestException)
        {
            return (false, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>A prompt of about <paramref name="tokens"/> tokens for the simulator's tokenizer (4 characters a token, 4 per message).</summary>
    public static string Prompt(int index, int tokens)
    {
        string head = $"Request {index:D4}: summarize the following notes. ";
        int chars = Math.Max(head.Length, (tokens - 4) * 4);
        return (head + string.Concat(Enumerable.Repeat("notes on the budget ", (chars / 20) + 1)))[..chars];
    }
}
