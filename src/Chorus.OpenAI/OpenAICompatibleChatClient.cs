using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>An <see cref="IChatClient"/> for any OpenAI-compatible <c>/chat/completions</c> endpoint (OpenAI, Azure OpenAI's
/// v1 endpoint, Ollama, vLLM, llama.cpp server, LM Studio), over the official OpenAI .NET SDK's pipeline.</summary>
/// <remarks>
/// <para>Failures are <see cref="ChatProviderException"/>s with a <see cref="ProviderErrorKind"/>; the caller's cancellation
/// propagates as <see cref="OperationCanceledException"/>. Every response carries a <see cref="ProviderResponseInfo"/>
/// (status, request id, rate-limit headers) under <see cref="ProviderResponseInfo.AdditionalPropertiesKey"/> in
/// <see cref="ChatResponse.AdditionalProperties"/>, or in the last update's properties when streaming.
/// A response without <c>usage</c> has <see cref="ChatResponse.Usage"/> <see langword="null"/> (unknown), which is not an error.</para>
/// <para>The SDK's own retries are off: Chorus retries in its resilience layer, where every attempt is counted.</para>
/// <para>Several samples in one request: see <see cref="ChatSampleExtensions"/>.</para>
/// <para>Thread-safe; one instance can serve many concurrent calls. Disposing it does not dispose a caller-supplied
/// <see cref="OpenAICompatibleOptions.HttpClient"/>.</para>
/// </remarks>
public sealed partial class OpenAICompatibleChatClient : IChatClient
{
    private readonly SdkChatClient _sdk;
    private readonly HttpClientPipelineTransport? _ownedTransport;
    private readonly ChatClientMetadata _metadata;
    private readonly ProviderFailures _failures;
    private readonly string _model;
    private readonly bool _useLegacyMaxTokens;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a client for <paramref name="endpoint"/> and <paramref name="model"/>.</summary>
    /// <param name="endpoint">The base URL, e.g. <c>http://127.0.0.1:11434/v1</c>.</param>
    /// <param name="model">The default model.</param>
    /// <param name="apiKey">The API key, or <see langword="null"/> for <c>OPENAI_API_KEY</c> or none.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public OpenAICompatibleChatClient(Uri endpoint, string model, string? apiKey = null)
        : this(new OpenAICompatibleOptions { Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint)), Model = model ?? throw new ArgumentNullException(nameof(model)), ApiKey = apiKey })
    {
    }

    /// <summary>Initializes a client from <paramref name="options"/>, which are validated and copied.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="OpenAICompatibleOptions.Endpoint"/> or <see cref="OpenAICompatibleOptions.Model"/> is not set.</exception>
    public OpenAICompatibleChatClient(OpenAICompatibleOptions options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    internal OpenAICompatibleChatClient(OpenAICompatibleOptions options, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri endpoint = options.Endpoint
            ?? throw new ArgumentException($"{nameof(OpenAICompatibleOptions)}.{nameof(OpenAICompatibleOptions.Endpoint)} is required, e.g. http://127.0.0.1:11434/v1.", nameof(options));
        _model = options.Model
            ?? throw new ArgumentException($"{nameof(OpenAICompatibleOptions)}.{nameof(OpenAICompatibleOptions.Model)} is required.", nameof(options));
        string? apiKey = options.ApiKey;
        if (apiKey is null && options.ReadApiKeyFromEnvironment && getEnvironmentVariable(OpenAICompatibleConstants.ApiKeyEnvironmentVariable) is { } fromEnvironment
            && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            apiKey = fromEnvironment.Trim();
        }

        _useLegacyMaxTokens = options.UseLegacyMaxTokens;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        endpoint = WithoutTrailingSlash(endpoint);
        string endpointText = EndpointText.Describe(endpoint);
        _failures = new ProviderFailures(endpointText, apiKey, options.NetworkTimeout);
        _metadata = new ChatClientMetadata(OpenAICompatibleConstants.ProviderName, endpoint, _model);

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.NetworkTimeout,
            // Chorus has its own resilience layer; the SDK's default policy would retry 429s and 5xx invisibly.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Prompts, responses and headers are never logged by the SDK on our behalf.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false, EnableMessageContentLogging = false },
        };
        if (options.HttpClient is { } httpClient)
        {
            _ownedTransport = new HttpClientPipelineTransport(httpClient);
            clientOptions.Transport = _ownedTransport;
        }

        if (apiKey is null)
        {
            clientOptions.AddPolicy(new RemoveHeaderPolicy(OpenAICompatibleConstants.AuthorizationHeader), PipelinePosition.BeforeTransport);
        }

        _sdk = new SdkChatClient(_model, new ApiKeyCredential(apiKey ?? OpenAICompatibleConstants.PlaceholderApiKey), clientOptions);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string model = options?.ModelId ?? _model;
        BinaryData body = ChatRequestWriter.Write(messages, options, _model, stream: false, _useLegacyMaxTokens);
        using PipelineResponse response = await SendAsync(body, model, streaming: false, cancellationToken).ConfigureAwait(false);
        ProviderResponseInfo info = ReadInfo(response);
        ChatResponse chat;
        try
        {
            chat = ChatCompletionReader.Read(response.Content.ToMemory());
        }
        catch (InvalidDataException ex)
        {
            throw _failures.Malformed(model, response.Status, ex.Message, info.RateLimits, ex, response.Content.ToString());
        }

        (chat.AdditionalProperties ??= [])[ProviderResponseInfo.AdditionalPropertiesKey] = info;
        return chat;
    }

    /// <inheritdoc />
    /// <remarks>Returns <see cref="ChatClientMetadata"/>, the underlying <see cref="SdkChatClient"/> (its pipeline has retries off), or this client.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(SdkChatClient) ? _sdk
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose() => _ownedTransport?.Dispose();

    /// <summary>Sends the request through the SDK pipeline and returns a 2xx response; anything else throws a <see cref="ChatProviderException"/>.</summary>
    private async Task<PipelineResponse> SendAsync(BinaryData body, string model, bool streaming, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions
        {
            CancellationToken = cancellationToken,
            ErrorOptions = ClientErrorBehaviors.NoThrow,
            BufferResponse = !streaming,
        };
        PipelineResponse response;
        try
        {
            using BinaryContent content = BinaryContent.Create(body);
            ClientResult result = await _sdk.CompleteChatAsync(content, requestOptions).ConfigureAwait(false);
            response = result.GetRawResponse();
            if (response.Status is >= 200 and < 300)
            {
                return response;
            }

            using (response)
            {
                BinaryData errorBody = streaming ? await response.BufferContentAsync(cancellationToken).ConfigureAwait(false) : response.Content;
                throw _failures.FromStatus(model, response.Status, response.ReasonPhrase, errorBody.ToMemory(), ReadInfo(response).RateLimits);
            }
        }
        catch (Exception ex) when (_failures.Translate(ex, model, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private ProviderResponseInfo ReadInfo(PipelineResponse response)
    {
        RateLimitSignals signals = RateLimitHeaderParser.Parse(
            name => response.Headers.TryGetValue(name, out string? value) ? value : null,
            _timeProvider.GetUtcNow());
        string? requestId = response.Headers.TryGetValue(RateLimitHeaderParser.RequestId, out string? id) ? id : null;
        return new ProviderResponseInfo(response.Status, requestId, signals);
    }

    private static Uri WithoutTrailingSlash(Uri endpoint)
    {
        if (!endpoint.AbsolutePath.EndsWith('/') || endpoint.AbsolutePath == "/")
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint) { Path = endpoint.AbsolutePath.TrimEnd('/') };
        return builder.Uri;
    }
}
