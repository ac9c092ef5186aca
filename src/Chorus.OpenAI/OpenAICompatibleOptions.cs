using System.Globalization;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>Options for <see cref="OpenAICompatibleChatClient"/>: where the endpoint is, which model, which key.</summary>
/// <remarks>
/// The client validates these once when it is built and copies the values, so later changes to this instance have no effect on it.
/// <see cref="ToString"/> never shows the API key.
/// </remarks>
public sealed class OpenAICompatibleOptions
{
    /// <summary>Gets or sets the base URL of the endpoint, as the OpenAI SDKs take it, e.g. <c>https://api.openai.com/v1</c>
    /// or <c>http://127.0.0.1:11434/v1</c>. Requests go to <c>{Endpoint}/chat/completions</c>.</summary>
    /// <value>Required: an absolute <c>http</c> or <c>https</c> URL. The default is <see langword="null"/>.</value>
    /// <exception cref="ArgumentException">The value is not an absolute http(s) URL.</exception>
    public Uri? Endpoint
    {
        get;
        set
        {
            if (value is not null && (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ArgumentException($"{nameof(Endpoint)} must be an absolute http or https URL, was '{value}'.", nameof(value));
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the model used when <see cref="Microsoft.Extensions.AI.ChatOptions.ModelId"/> is not set.</summary>
    /// <value>Required: not empty or white space. The default is <see langword="null"/>.</value>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? Model
    {
        get;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the API key sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: the key is read from the <c>OPENAI_API_KEY</c> environment variable when
    /// <see cref="ReadApiKeyFromEnvironment"/> is <see langword="true"/>, and when there is none the request carries no
    /// <c>Authorization</c> header at all (local servers such as Ollama, vLLM, llama.cpp and LM Studio need none).
    /// </value>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? ApiKey
    {
        get;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets a value indicating whether a missing <see cref="ApiKey"/> is read from the <c>OPENAI_API_KEY</c> environment variable.</summary>
    /// <value>The default is <see langword="true"/>. Set it to <see langword="false"/> for a local endpoint that must never receive your OpenAI key.</value>
    public bool ReadApiKeyFromEnvironment { get; set; } = true;

    /// <summary>Gets or sets how long one network operation may take: sending the request and receiving the headers,
    /// buffering a non-streaming body, or each read of a streaming body.</summary>
    /// <value>The default is 100 seconds. Must be positive or <see cref="Timeout.InfiniteTimeSpan"/>.
    /// When it expires the call fails with <see cref="ProviderErrorKind.Timeout"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative (other than infinite).</exception>
    public TimeSpan NetworkTimeout
    {
        get;
        set
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(NetworkTimeout)} must be positive or infinite, was {value}.");
            }

            field = value;
        }
    } = OpenAICompatibleConstants.DefaultNetworkTimeout;

    /// <summary>Gets or sets the <see cref="System.Net.Http.HttpClient"/> that sends the requests, so the caller controls
    /// connection pooling, proxies and handlers.</summary>
    /// <value>The default is <see langword="null"/>: the SDK's shared client. The client is not disposed by
    /// <see cref="OpenAICompatibleChatClient"/>; its own <see cref="System.Net.Http.HttpClient.Timeout"/> also applies.</value>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets a value indicating whether the output limit is sent as the legacy <c>max_tokens</c> field
    /// instead of <c>max_completion_tokens</c>.</summary>
    /// <value>The default is <see langword="false"/>: <c>max_completion_tokens</c>, as the official SDK sends and OpenAI's
    /// reasoning models require. Set it for older servers that only understand <c>max_tokens</c>.</value>
    public bool UseLegacyMaxTokens { get; set; }

    /// <summary>Gets or sets the clock used to turn an HTTP-date <c>retry-after</c> header into a delay.</summary>
    /// <value>The default is <see langword="null"/>, which means <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>The endpoint, model and timeout, and whether a key is set (never the key itself).</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{nameof(OpenAICompatibleOptions)} {{ {nameof(Endpoint)} = {(Endpoint is null ? "(none)" : EndpointText.Describe(Endpoint))}, " +
        $"{nameof(Model)} = {Model ?? "(none)"}, {nameof(ApiKey)} = {(ApiKey is null ? "(not set)" : "***")}, {nameof(NetworkTimeout)} = {NetworkTimeout} }}");
}
