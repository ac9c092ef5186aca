using System.Text.Json.Serialization;

namespace Chorus.Simulator;

/// <summary>A <c>chat.completion</c> response; <see cref="Usage"/> is left out only by the missing-usage fault.</summary>
internal sealed record ChatCompletionDto(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChoiceDto> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageDto? Usage,
    string SystemFingerprint);

/// <summary>One choice of a <c>chat.completion</c>.</summary>
internal sealed record ChoiceDto(int Index, MessageDto Message, string? Logprobs, string FinishReason);

/// <summary>The assistant message of a choice.</summary>
internal sealed record MessageDto(string Role, string? Content, string? Refusal);

/// <summary>Token usage: prompt tokens once, completion tokens summed over choices.</summary>
internal sealed record UsageDto(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>A <c>chat.completion.chunk</c> when the client did not ask for usage: no <c>usage</c> field at all.</summary>
internal sealed record ChunkDto(string Id, string Object, long Created, string Model, string SystemFingerprint, IReadOnlyList<ChunkChoiceDto> Choices);

/// <summary>A <c>chat.completion.chunk</c> when <c>stream_options.include_usage</c> is true: <c>usage</c> is null on every chunk but the last.</summary>
internal sealed record ChunkWithUsageDto(string Id, string Object, long Created, string Model, string SystemFingerprint, IReadOnlyList<ChunkChoiceDto> Choices, UsageDto? Usage);

/// <summary>One choice of a chunk.</summary>
internal sealed record ChunkChoiceDto(int Index, DeltaDto Delta, string? Logprobs, string? FinishReason);

/// <summary>The delta of a chunk choice; the closing delta is <c>{}</c>.</summary>
internal sealed record DeltaDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

/// <summary>OpenAI's error envelope: <c>{"error":{...}}</c>.</summary>
internal sealed record ErrorEnvelopeDto(ErrorDto Error);

/// <summary>OpenAI's error object.</summary>
internal sealed record ErrorDto(string Message, string Type, string? Param, string? Code);

/// <summary>The <c>/v1/models</c> list.</summary>
internal sealed record ModelListDto(string Object, IReadOnlyList<ModelDto> Data);

/// <summary>One model of <c>/v1/models</c>.</summary>
internal sealed record ModelDto(string Id, string Object, long Created, string OwnedBy);
