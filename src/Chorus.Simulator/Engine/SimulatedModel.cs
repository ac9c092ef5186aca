using System.Collections.Concurrent;
using System.Globalization;

namespace Chorus.Simulator;

/// <summary>The transport-free engine: turns a request into choices, usage, planned latency and a fault. Shared by
/// <see cref="SimulatorServer"/> and <see cref="SimulatedChatClient"/>.</summary>
/// <remarks>
/// Deterministic: every draw comes from a generator seeded by the options' seed, a fingerprint of the request and how many identical
/// requests came before (the k-th identical request gets the k-th draw). So the same seed and the same requests give the same
/// answers, whatever order concurrent requests arrive in, as long as identical requests are interchangeable. A request with a
/// <c>seed</c> or <c>temperature: 0</c> gets the same answer every time, as with a real model; its latency and faults still vary.
/// Thread-safe.
/// </remarks>
internal sealed class SimulatedModel
{
    private const int QuestionKeyLength = 120;
    private readonly SimulatorSettings _settings;
    private readonly ConcurrentDictionary<ulong, long> _occurrences = new();

    public SimulatedModel(SimulatorSettings settings)
    {
        _settings = settings;
    }

    public SimulatorSettings Settings => _settings;

    public SimulatedPlan Plan(SimulatedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong fingerprint = Fingerprint(request);
        long occurrence = _occurrences.AddOrUpdate(fingerprint, 0, (_, k) => k + 1);
        bool fixedAnswer = request.Seed is not null || request.Temperature == 0;
        ulong root = StableHash.Add(StableHash.Add((ulong)(uint)_settings.Seed, (long)fingerprint), occurrence);
        ulong answerRoot = fixedAnswer ? StableHash.Add(StableHash.Add((ulong)(uint)_settings.Seed, (long)fingerprint), -1) : root;

        SimulatedFault fault = _settings.PickFault(new SimRandom(StableHash.Combine(root, "fault")).NextDouble(), request.Stream);
        var latency = new SimRandom(StableHash.Combine(root, "latency"));
        TimeSpan timeToFirstToken = TimeSpan.FromMilliseconds(_settings.LatencyMs * latency.NextLogNormalFactor(_settings.LatencyJitter));
        TimeSpan timePerToken = TimeSpan.FromMilliseconds(_settings.MsPerToken * latency.NextLogNormalFactor(_settings.LatencyJitter));

        string lastUser = LastUserMessage(request.Messages);
        ReplayBook.Entry? replayed = _settings.Replay?.Match(lastUser);
        IReadOnlyList<string>? replayTexts = replayed is null ? null : _settings.Replay!.Take(replayed, request.N, fixedAnswer);
        var choices = new SimulatedChoice[request.N];
        for (int i = 0; i < request.N; i++)
        {
            var random = new SimRandom(StableHash.Combine(StableHash.Add(answerRoot, i), "choice"));
            string text = replayTexts?[i] ?? Answer(request, lastUser, random);
            choices[i] = Cut(text, request.MaxTokens);
        }

        string id = "chatcmpl-sim" + root.ToString("x16", CultureInfo.InvariantCulture);
        int promptTokens = SimulatedTokenizer.CountPrompt(request.Messages.Select(m => m.Content));
        string questionKey = replayed?.Id ?? Shorten(lastUser.Trim());
        return new SimulatedPlan(id, choices, promptTokens, timeToFirstToken, timePerToken, fault, questionKey);
    }

    private string Answer(SimulatedRequest request, string lastUser, SimRandom random)
    {
        if (request.ResponseFormat == "json_schema" && request.SchemaName is SimulatorConstants.VerdictSchema or SimulatorConstants.ScoresSchema)
        {
            return JudgeResponder.Reply(request.Messages, request.SchemaName, _settings.JudgeAccuracy, random);
        }

        if (request.ResponseFormat == "json_schema" && request.Schema is { ValueKind: System.Text.Json.JsonValueKind.Object } schema && SchemaResponder.HasProperties(schema))
        {
            return SchemaResponder.Reply(schema, random);
        }

        if (GuardResponder.Applies(request.Messages))
        {
            return GuardResponder.Reply(lastUser);
        }

        if (CodeResponder.FindTask(lastUser) is { } task)
        {
            return CodeResponder.Reply(task, lastUser, random);
        }

        string text;
        if (SummarizeResponder.StartsWithInstruction(lastUser))
        {
            text = SummarizeResponder.Reply(lastUser);
        }
        else if (KnownAnswer.Find(lastUser) is { } known)
        {
            text = AnswerResponder.Reply(known, _settings.Accuracy, random);
        }
        else if (SummarizeResponder.ContainsInstruction(lastUser))
        {
            text = SummarizeResponder.Reply(lastUser);
        }
        else
        {
            int tokens = request.MaxTokens is { } max ? max + 1 : SimulatorConstants.DefaultCompletionTokens - 15 + random.Next(31);
            text = FillerText.Generate(random, tokens);
        }

        return request.ResponseFormat is "json_object" or "json_schema" ? WrapJson(text) : text;
    }

    private static SimulatedChoice Cut(string text, int? maxTokens) =>
        maxTokens is { } max && SimulatedTokenizer.Count(text) > max
            ? new SimulatedChoice(SimulatedTokenizer.Truncate(text, max), "length")
            : new SimulatedChoice(text, "stop");

    private static string WrapJson(string text) =>
        "{\"answer\":" + System.Text.Json.JsonSerializer.Serialize(text, SimulatorJsonContext.Default.String) + "}";

    private static string LastUserMessage(IReadOnlyList<SimulatedMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (string.Equals(messages[i].Role, "user", StringComparison.OrdinalIgnoreCase))
            {
                return messages[i].Content;
            }
        }

        return messages.Count > 0 ? messages[^1].Content : string.Empty;
    }

    private static string Shorten(string text) => text.Length <= QuestionKeyLength ? text : text[..QuestionKeyLength];

    private static ulong Fingerprint(SimulatedRequest request)
    {
        ulong hash = StableHash.Of("request");
        foreach (SimulatedMessage message in request.Messages)
        {
            hash = StableHash.Add(StableHash.Add(hash, message.Role), message.Content);
        }

        hash = StableHash.Add(hash, request.N);
        hash = StableHash.Add(hash, request.MaxTokens ?? -1);
        hash = StableHash.Add(hash, request.Seed ?? long.MinValue);
        hash = StableHash.Add(hash, request.ResponseFormat ?? string.Empty);
        hash = StableHash.Add(hash, request.Schema?.GetRawText() ?? string.Empty);
        return StableHash.Add(hash, request.SchemaName ?? string.Empty);
    }
}
