using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.Journaling;

/// <summary>Computes the stable keys a <see cref="IBranchJournal"/> stores finished branches under.</summary>
/// <remarks>
/// <para>
/// A fingerprint is the lowercase hex SHA-256 of a canonical JSON document (a fixed field order, no whitespace, invariant
/// number formats) holding: a format version; the endpoint (<see cref="ChatClientMetadata.ProviderUri"/>) and provider name;
/// the model (<see cref="ChatOptions.ModelId"/>, else the client's default model); every message (role, author name and each
/// content: text, reasoning, data, URI, function call or result); every option that can change the answer (temperature,
/// top-p, top-k, max output tokens, seed, frequency and presence penalties, stop sequences, response format and schema,
/// instructions, reasoning, tools and tool mode, conversation id and additional properties such as <c>n</c>); and the sample.
/// The same request gives the same key in any process on any machine; a change to any of these gives a new key.
/// <see cref="ChatOptions.RawRepresentationFactory"/> is a callback and cannot be fingerprinted: it is ignored.
/// </para>
/// <para>
/// The sample tells apart branches that send the same request, as the samples of a vote do: it is the branch's stage, index
/// in that stage and label (<c>main/3/sample-4</c>). A plan built the same way gives every branch the same sample again, so
/// a re-run replays sample 3 as sample 3 and never answers two samples with one response. The cache key is the same
/// document without the sample: it is only used for deterministic requests (temperature 0 or a fixed seed), whose samples
/// would all get the same answer anyway.
/// </para>
/// </remarks>
public static class BranchFingerprint
{
    /// <summary>The version of the canonical document; a change to the format changes every key.</summary>
    public const int FormatVersion = 1;

    /// <summary>Computes the fingerprint of one branch of a run.</summary>
    /// <param name="branch">The branch.</param>
    /// <param name="stage">The branch's stage, <c>main</c> for a plan's own branches.</param>
    /// <param name="index">The branch's index in its stage.</param>
    /// <returns>The key, 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="branch"/> or <paramref name="stage"/> is <see langword="null"/>.</exception>
    public static string ForBranch(Branch branch, string stage, int index)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(stage);
        ChatClientMetadata? metadata = branch.Client.GetService<ChatClientMetadata>();
        return Compute(metadata?.ProviderUri, metadata?.ProviderName, branch.Options?.ModelId ?? metadata?.DefaultModelId, branch.Messages, branch.Options, SampleOf(branch, stage, index));
    }

    /// <summary>Computes the cache key of a branch's request: its fingerprint without the sample.</summary>
    /// <param name="branch">The branch.</param>
    /// <returns>The key, or <see langword="null"/> when the request is not deterministic (see <see cref="IsDeterministic"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="branch"/> is <see langword="null"/>.</exception>
    public static string? CacheKeyFor(Branch branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return CacheKeyOfRequest(branch.Client, branch.Messages, branch.Options);
    }

    /// <summary>The cache key of one request: the effective model (the options', else the client's default) and endpoint included.</summary>
    internal static string? CacheKeyOfRequest(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (!IsDeterministic(options))
        {
            return null;
        }

        ChatClientMetadata? metadata = client.GetService<ChatClientMetadata>();
        return Compute(metadata?.ProviderUri, metadata?.ProviderName, options?.ModelId ?? metadata?.DefaultModelId, messages, options, null);
    }

    /// <summary>Says whether a request should get the same answer every time: its temperature is 0 or it sets a seed.</summary>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the request is deterministic.</returns>
    public static bool IsDeterministic(ChatOptions? options) => options is not null && (options.Temperature == 0 || options.Seed is not null);

    /// <summary>Computes a key from its parts.</summary>
    /// <param name="endpoint">The provider's endpoint, or <see langword="null"/> when unknown.</param>
    /// <param name="provider">The provider's name, or <see langword="null"/> when unknown.</param>
    /// <param name="model">The model, or <see langword="null"/> when unknown.</param>
    /// <param name="messages">The messages sent.</param>
    /// <param name="options">The options, or <see langword="null"/> for none.</param>
    /// <param name="sample">What tells this branch apart from others sending the same request, or <see langword="null"/> for a cache key.</param>
    /// <returns>The key, 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public static string Compute(Uri? endpoint, string? provider, string? model, IEnumerable<ChatMessage> messages, ChatOptions? options, string? sample)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("endpoint", endpoint?.AbsoluteUri);
            writer.WriteString("provider", provider);
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (ChatMessage message in messages)
            {
                FingerprintWriter.WriteMessage(writer, message);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("options");
            FingerprintWriter.WriteOptions(writer, options);
            writer.WriteString("sample", sample);
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The sample part of a branch's fingerprint: stage, index and label.</summary>
    internal static string SampleOf(Branch branch, string stage, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{stage}/{index}/{branch.Label}");
}
