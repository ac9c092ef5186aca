namespace Chorus.Simulator;

/// <summary>What a <see cref="SimulatorServer"/> has seen since it started or its stats were last reset; served snake_case on <c>/stats</c>.</summary>
/// <param name="Requests">Chat-completion requests received, including refused and invalid ones.</param>
/// <param name="Succeeded">Requests answered in full with no fault injected.</param>
/// <param name="RateLimited">Requests refused with HTTP 429.</param>
/// <param name="ServerErrors">Injected HTTP 500 answers.</param>
/// <param name="Hangs">Requests left unanswered until the client gave up or the server stopped.</param>
/// <param name="Resets">Connections aborted without an answer.</param>
/// <param name="Malformed">Answers whose body (or one stream event) was not valid JSON.</param>
/// <param name="TruncatedStreams">Streams that stopped half-way without <c>[DONE]</c>.</param>
/// <param name="MissingUsage">Answers sent without <c>usage</c>.</param>
/// <param name="EmptyChoices">Answers sent with <c>"choices": []</c>.</param>
/// <param name="BadRequests">Requests refused with HTTP 400 (invalid JSON or fields).</param>
/// <param name="StreamingRequests">Admitted requests that asked for <c>stream: true</c>.</param>
/// <param name="PromptTokens">Prompt tokens of admitted requests that got an answer (every fault but 500, hang and reset).</param>
/// <param name="CompletionTokens">Completion tokens of those answers, summed over choices.</param>
/// <param name="QuestionRequests">Admitted requests per question: the replay id when a replayed question matched, else the last
/// user message (its first 120 characters).</param>
public sealed record SimulatorStats(
    long Requests,
    long Succeeded,
    long RateLimited,
    long ServerErrors,
    long Hangs,
    long Resets,
    long Malformed,
    long TruncatedStreams,
    long MissingUsage,
    long EmptyChoices,
    long BadRequests,
    long StreamingRequests,
    long PromptTokens,
    long CompletionTokens,
    IReadOnlyDictionary<string, long> QuestionRequests);
