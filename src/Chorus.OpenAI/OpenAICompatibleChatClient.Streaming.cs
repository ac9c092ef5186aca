using System.ClientModel.Primitives;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI;

public sealed partial class OpenAICompatibleChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Sends <c>stream_options.include_usage</c>, so the usage arrives as a <see cref="UsageContent"/> in the last update, which
    /// also carries the <see cref="ProviderResponseInfo"/>. Each update is tagged with its choice index; with several samples,
    /// choices get distinct <see cref="ChatResponseUpdate.MessageId"/>s. A stream that ends without <c>data: [DONE]</c>, or
    /// with a choice that never finished, throws <see cref="ChatProviderException"/> with
    /// <see cref="ProviderErrorKind.MalformedResponse"/> after the updates already received.
    /// </remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string model = options?.ModelId ?? _model;
        BinaryData body = ChatRequestWriter.Write(messages, options, _model, stream: true, _useLegacyMaxTokens);
        using PipelineResponse response = await SendAsync(body, model, streaming: true, cancellationToken).ConfigureAwait(false);
        ProviderResponseInfo info = ReadInfo(response);
        var reader = new ChatStreamReader();
        Stream stream = response.ContentStream
            ?? throw _failures.Malformed(model, response.Status, "the streaming response has no body.", info.RateLimits, inner: null);
        IAsyncEnumerator<SseItem<string>> items = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (!reader.IsDone && await MoveNextAsync(items, model, cancellationToken).ConfigureAwait(false))
            {
                foreach (ChatResponseUpdate update in Accept(reader, items.Current.Data, model, info))
                {
                    yield return update;
                }
            }
        }
        finally
        {
            await items.DisposeAsync().ConfigureAwait(false);
        }

        ChatResponseUpdate final;
        try
        {
            final = reader.Complete(info);
        }
        catch (InvalidDataException ex)
        {
            throw _failures.Malformed(model, response.Status, ex.Message, info.RateLimits, ex);
        }

        yield return final;
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<SseItem<string>> items, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await items.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (_failures.Translate(ex, model, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private IReadOnlyList<ChatResponseUpdate> Accept(ChatStreamReader reader, string data, string model, ProviderResponseInfo info)
    {
        try
        {
            return reader.Accept(data);
        }
        catch (InvalidDataException ex)
        {
            throw _failures.Malformed(model, info.StatusCode, ex.Message, info.RateLimits, ex, data);
        }
        catch (StreamedErrorException ex)
        {
            throw _failures.StreamedError(model, info.StatusCode, ex, info.RateLimits);
        }
    }
}
