using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using SdkChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkUserChatMessage = OpenAI.Chat.UserChatMessage;
using Chorus.Providers;
using Chorus.Recipes;
using Chorus.Reporting;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>
/// Issue 13: S1-S4 with Chorus at its defaults — nothing about the server told, no limits configured, the stack the CLI builds —
/// across server profiles, against the naive baseline (Task.WhenAll over the official SDK, its default retries) and the
/// semaphore + Retry-After baseline a careful user writes. One row per (scenario, system, profile), each in its own process.
/// </summary>
internal static class DefaultsScenarios
{
    public const string ChorusDefaults = "chorus-defaults";
    public const string Naive = "naive";
    public const string Semaphore = "semaphore-retry-after";
    public const string Ideal = "ideal-3s";

    private const int Rpm = 600, Tpm = 200_000, PromptTokens = 100, MaxTokens = 200;
    private const double RateLatencyMs = 250, RateMsPerToken = 2;
    private static readonly TimeSpan NaiveCap = TimeSpan.FromSeconds(90);

    /// <summary>Every row of the matrix: (scenario, system, profile).</summary>
    public static IReadOnlyList<(string Scenario, string System, string Profile)> Matrix()
    {
        var rows = new List<(string, string, string)>();
        void Add(string scenario, string[] systems, params string[] profiles)
        {
            foreach (string profile in profiles)
            {
                foreach (string system in systems)
                {
                    rows.Add((scenario, system, profile));
                }
            }
        }

        string[] all = [ChorusDefaults, Naive, Semaphore];
        Add("S1", all, "openai", "batching");
        Add("S2", all, "openai", "refusals-count", "no-headers");
        Add("S2", [ChorusDefaults], "burst-0.1s", "burst-5s", "burst-60s", "retry-after-seconds", "retry-after-date", "retry-after-none");
        Add("S3", [Ideal, ChorusDefaults, Naive, Semaphore], "openai", "outage");
        Add("S4", [ChorusDefaults, Naive], "openai", "no-headers");
        Add("quota", all, "quota");
        Add("redirect", [ChorusDefaults, Semaphore], "redirect");
        return rows;
    }

    /// <summary>Runs one row in this process.</summary>
    public static async Task<ScenarioRow> RunRowAsync(string scenario, string system, string profile)
    {
        await Warmup.RunAsync();
        return scenario switch
        {
            "S1" => await S1Async(system, profile),
            "S2" => await S2Async(system, profile),
            "S3" => await S3Async(system, profile),
            "S4" => await S4Async(system, profile),
            "quota" or "redirect" => await FailFastAsync(scenario, system, profile),
            _ => throw new ArgumentException($"unknown scenario '{scenario}'", nameof(scenario)),
        };
    }

    private static async Task<ScenarioRow> S1Async(string system, string profile)
    {
        const int n = 16;
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, 50))];
        SimulatorOptions options = ServerProfiles.Apply(new SimulatorOptions { LatencyMs = 800, MsPerToken = 0, LatencyJitter = 0.15, Seed = 7 }, profile);
        ScenarioRow row = await ScenarioContext.MeasureAsync("S1", system, n, options, s => RunAsync(system, s, prompts, null), m => m.CallMs.DefaultIfEmpty(0).Max(),
            "bound: the run's own slowest call");
        return row with { ServerProfile = profile };
    }

    private static async Task<ScenarioRow> S2Async(string system, string profile)
    {
        const int n = 200;
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, PromptTokens))];
        SimulatorOptions options = ServerProfiles.Apply(RateOptions(), profile);
        double bound = (Bounds.AdmissionSeconds(n, Rpm, Tpm, PromptTokens + MaxTokens, options.BurstSeconds) * 1000) + RateLatencyMs + (RateMsPerToken * MaxTokens);
        ScenarioRow row = await ScenarioContext.MeasureAsync("S2", system, n, options, s => RunAsync(system, s, prompts, MaxTokens), _ => bound,
            $"600 RPM / 200k TPM, burst {options.BurstSeconds} s; bound from the simulator's limiter math");
        return row with { ServerProfile = profile };
    }

    private static async Task<ScenarioRow> S3Async(string system, string profile)
    {
        const int n = 64;
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, 50))];
        SimulatorOptions Options() => ServerProfiles.Apply(new SimulatorOptions
        {
            LatencyMs = 800, MsPerToken = 0, LatencyJitter = 0.3, Seed = 7, Fault5xxRate = 0.05, FaultHangRate = 0.01,
        }, profile);

        // The bound: an ideal client on the same server — every call at once, each attempt cut at 3 s, retried at once.
        ScenarioRow ideal = await ScenarioContext.MeasureAsync("S3", Ideal, n, Options(), s => RunIdealAsync(s, prompts), _ => 0);
        if (system == Ideal)
        {
            return ideal with { BoundMs = ideal.WallMs, ServerProfile = profile, Note = "all calls at once, attempts cut at 3 s and retried at once: the bound of S3" };
        }

        ScenarioRow row = await ScenarioContext.MeasureAsync("S3", system, n, Options(), s => RunAsync(system, s, prompts, null), _ => ideal.WallMs,
            $"5 % HTTP 500, 1 % hangs; bound = the ideal client with a 3 s attempt timeout ({ideal.WallMs:F0} ms)");
        return row with { ServerProfile = profile };
    }

    private static async Task<ScenarioRow> S4Async(string system, string profile)
    {
        const int large = 150, small = 50, n = large + small;
        string[] a = [.. Enumerable.Range(0, large).Select(i => Systems.Prompt(i, PromptTokens))];
        string[] b = [.. Enumerable.Range(large, small).Select(i => Systems.Prompt(i, PromptTokens))];
        double bound = (Bounds.AdmissionSeconds(n, Rpm, Tpm, PromptTokens + MaxTokens, 1) * 1000) + RateLatencyMs + (RateMsPerToken * MaxTokens);
        ScenarioRow row = await ScenarioContext.MeasureAsync("S4", system, n, ServerProfiles.Apply(RateOptions(), profile), async s =>
        {
            // Both runs share whatever the system shares: Chorus one endpoint scheduler, the naive baseline one SDK client.
            await using Stack stack = Stack.Create(system, s);
            Task<Measured> ra = stack.RunAsync(a, MaxTokens, "s4-large");
            Task<Measured> rb = stack.RunAsync(b, MaxTokens, "s4-small");
            Measured ma = await ra, mb = await rb;
            return new Measured(Math.Max(ma.WallMs, mb.WallMs), ma.Ok + mb.Ok, ma.Failed + mb.Failed, [], ma.Retries + mb.Retries, ma.Hedges + mb.Hedges);
        }, _ => bound, "two runs (150 + 50 calls) started together on one endpoint");
        return row with { ServerProfile = profile };
    }

    private static async Task<ScenarioRow> FailFastAsync(string scenario, string system, string profile)
    {
        const int n = 16;
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, 50))];
        string? firstError = null;
        ScenarioRow row = await ScenarioContext.MeasureAsync(scenario, system, n, ServerProfiles.Apply(new SimulatorOptions { LatencyMs = 300, MsPerToken = 0, Seed = 7 }, profile),
            async s =>
            {
                await using Stack stack = Stack.Create(system, s);
                Measured m = await stack.RunAsync(prompts, null, scenario);
                firstError = stack.FirstError;
                return m;
            },
            _ => 2000);
        return row with { ServerProfile = profile, Note = $"target: the run fails within 2 s (bound_ms); first error: {Shorten(firstError)}" };
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 220 ? text : text[..220] + "…";

    private static SimulatorOptions RateOptions() => new()
    {
        RequestsPerMinute = Rpm, TokensPerMinute = Tpm, LatencyMs = RateLatencyMs, MsPerToken = RateMsPerToken, Seed = 5,
    };

    private static async Task<Measured> RunAsync(string system, SimulatorServer server, IReadOnlyList<string> prompts, int? maxTokens)
    {
        await using Stack stack = Stack.Create(system, server);
        return await stack.RunAsync(prompts, maxTokens, "run");
    }

    /// <summary>The ideal client of S3: every call at once over our HTTP client, each attempt cut at 3 s and retried at once (up to 5).</summary>
    private static async Task<Measured> RunIdealAsync(SimulatorServer server, IReadOnlyList<string> prompts)
    {
        using var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = server.BaseUri, Model = Systems.Model, ReadApiKeyFromEnvironment = false });
        long start = Stopwatch.GetTimestamp();
        bool[] ok = await Task.WhenAll(prompts.Select(async p =>
        {
            for (int attempt = 0; attempt < 6; attempt++)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await client.GetResponseAsync(p, cancellationToken: cts.Token);
                    return true;
                }
                catch (Exception ex) when (ex is ChatProviderException or OperationCanceledException)
                {
                    // retried at once
                }
            }

            return false;
        }));
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Measured(wall, ok.Count(x => x), ok.Count(x => !x), [], 0, 0);
    }

    /// <summary>One system's client stack, shared by every run it makes.</summary>
    private sealed class Stack : IAsyncDisposable
    {
        private readonly string _system;
        private readonly SimulatorServer _server;
        private readonly EndpointScheduler? _scheduler;
        private readonly IChatClient? _chorus;
        private readonly SdkChatClient? _sdk;
        private readonly SemaphoreSlim _semaphore = new(16);
        private string? _firstError;

        private Stack(string system, SimulatorServer server)
        {
            _system = system;
            _server = server;
            switch (system)
            {
                case ChorusDefaults:
                    // Exactly what `chorus` builds for an endpoint: defaults everywhere, nothing about the server configured.
                    _scheduler = new EndpointScheduler();
                    _chorus = new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = server.BaseUri, Model = Systems.Model, ReadApiKeyFromEnvironment = false })
                        .WithScheduler(_scheduler)
                        .WithResilience(new ResilienceOptions());
                    break;
                case Naive:
                    _sdk = Systems.Sdk(server);
                    break;
                case Semaphore:
                    // A careful user: retries left to their own loop, which honours Retry-After.
                    _sdk = new SdkChatClient(Systems.Model, new ApiKeyCredential("sim-not-a-key"),
                        new OpenAIClientOptions { Endpoint = server.BaseUri, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(10) });
                    break;
                default:
                    throw new ArgumentException($"unknown system '{system}'", nameof(system));
            }
        }

        public string? FirstError => _firstError;

        public static Stack Create(string system, SimulatorServer server) => new(system, server);

        public async Task<Measured> RunAsync(IReadOnlyList<string> prompts, int? maxTokens, string name)
        {
            switch (_system)
            {
                case ChorusDefaults:
                    (Measured measured, RunReport report) = await Systems.RunChorusAsync(_chorus!, prompts, maxTokens, name, new RunLimits());
                    Interlocked.CompareExchange(ref _firstError, report.Branches.Select(b => b.Error).FirstOrDefault(e => e is not null), null);
                    return measured;
                case Naive:
                    return await Systems.RunNaiveAsync(_sdk!, prompts, maxTokens, NaiveCap);
                default:
                    return await RunSemaphoreAsync(prompts, maxTokens);
            }
        }

        private async Task<Measured> RunSemaphoreAsync(IReadOnlyList<string> prompts, int? maxTokens)
        {
            using var cap = new CancellationTokenSource(NaiveCap);
            long start = Stopwatch.GetTimestamp();
            (bool Ok, double Ms)[] results = await Task.WhenAll(prompts.Select(async p =>
            {
                long began = Stopwatch.GetTimestamp();
                for (int attempt = 0; attempt < 8 && !cap.IsCancellationRequested; attempt++)
                {
                    TimeSpan wait;
                    await _semaphore.WaitAsync(cap.Token).ConfigureAwait(false);
                    try
                    {
                        await _sdk!.CompleteChatAsync(new SdkChatMessage[] { new SdkUserChatMessage(p) }, new SdkChatCompletionOptions { MaxOutputTokenCount = maxTokens }, cap.Token);
                        return (true, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    }
                    catch (ClientResultException ex) when (ex.Status is 429 or >= 500 || ex.Status == 0)
                    {
                        Interlocked.CompareExchange(ref _firstError, ex.Message, null);
                        if (ex.Message.Contains("insufficient_quota", StringComparison.Ordinal))
                        {
                            break;
                        }

                        wait = RetryAfter(ex.GetRawResponse()) ?? TimeSpan.FromSeconds(1);
                    }
                    catch (ClientResultException ex)
                    {
                        Interlocked.CompareExchange(ref _firstError, ex.Message, null);
                        break;
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or TimeoutException)
                    {
                        Interlocked.CompareExchange(ref _firstError, ex.Message, null);
                        wait = TimeSpan.FromMilliseconds(500);
                    }
                    finally
                    {
                        _semaphore.Release();
                    }

                    try
                    {
                        await Task.Delay(wait, cap.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                return (false, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }));
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return new Measured(wall, results.Count(r => r.Ok), results.Count(r => !r.Ok), [.. results.Select(r => r.Ms)], 0, 0);
        }

        private static TimeSpan? RetryAfter(PipelineResponse? response)
        {
            if (response is null || !response.Headers.TryGetValue("retry-after", out string? text) || text is null)
            {
                return null;
            }

            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
                ? at - DateTimeOffset.UtcNow is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero
                : null;
        }

        public ValueTask DisposeAsync()
        {
            _chorus?.Dispose();
            _scheduler?.Dispose();
            _semaphore.Dispose();
            _ = _server;
            return ValueTask.CompletedTask;
        }
    }
}
