using Microsoft.Extensions.AI;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Chorus.Providers;

namespace Chorus.OpenAI.Tests;

public class OpenAICompatibleChatClientErrorTests
{
    private const string ErrorBody = """{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}""";

    public static TheoryData<int, ProviderErrorKind, bool> StatusCases()
    {
        var data = new TheoryData<int, ProviderErrorKind, bool>();
        foreach (bool streaming in new[] { false, true })
        {
            data.Add(429, ProviderErrorKind.RateLimited, streaming);
            data.Add(500, ProviderErrorKind.ServerError, streaming);
            data.Add(502, ProviderErrorKind.ServerError, streaming);
            data.Add(503, ProviderErrorKind.ServerError, streaming);
            data.Add(400, ProviderErrorKind.BadRequest, streaming);
            data.Add(404, ProviderErrorKind.BadRequest, streaming);
            data.Add(422, ProviderErrorKind.BadRequest, streaming);
            data.Add(401, ProviderErrorKind.Unauthorized, streaming);
            data.Add(403, ProviderErrorKind.Unauthorized, streaming);
            data.Add(408, ProviderErrorKind.Timeout, streaming);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public async Task Call_ErrorStatus_ChatProviderExceptionWithKindStatusBodyAndMessage(int status, ProviderErrorKind kind, bool streaming)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(ErrorBody, (HttpStatusCode)status, ("x-request-id", "req-9")));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(ErrorBody, ex.ErrorBody);
        Assert.Contains("Rate limit reached for requests", ex.Message);
        Assert.Contains($"HTTP {status}", ex.Message);
        Assert.Contains("http://127.0.0.1:8089/v1", ex.Message);
        Assert.Contains("sim-model", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_429WithRetryHeaders_NotRetriedAndSignalsOnException(bool streaming)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(
            ErrorBody, HttpStatusCode.TooManyRequests,
            ("retry-after", "3"), ("retry-after-ms", "2500"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "2.5s")));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Equal(ProviderErrorKind.RateLimited, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), ex.RetryAfter);
        Assert.Equal(0, ex.RateLimits.RemainingRequests);
        Assert.Equal(TimeSpan.FromSeconds(2.5), ex.RateLimits.ResetRequests);
        Assert.Single(handler.Requests); // the SDK's retry policy is off
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_503_NotRetriedBySdk(bool streaming)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json("{}", HttpStatusCode.ServiceUnavailable));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("""{"error":"model 'x' not found"}""", "model 'x' not found")]
    [InlineData("""{"object":"error","message":"bad temperature","type":"BadRequestError"}""", "bad temperature")]
    [InlineData("""{"detail":"Not Found"}""", "Not Found")]
    [InlineData("<html>Bad Gateway</html>", "<html>Bad Gateway</html>")]
    [InlineData("", "(empty body)")]
    public async Task GetResponseAsync_ErrorBodyShapes_MessageExtracted(string body, string expected)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body, HttpStatusCode.BadRequest));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi"));

        Assert.EndsWith(expected, ex.Message);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("""{"id":"x","choices":[]}""", "'choices' array is empty")]
    [InlineData("""{"id":"x"}""", "no 'choices' array")]
    [InlineData("""{"id":"x","choices":[{"index":0,"finish_reason":"stop"}]}""", "choice 0 has no 'message'")]
    [InlineData("""{"id":"x","choices":[{"index":0,"message":{"content":42}}]}""", "'content' of JSON type Number")]
    [InlineData("""{"id":"x","choices":[7]}""", "choice 0 is not a JSON object")]
    [InlineData("""{"error":{"message":"overloaded"}}""", "carries an error instead of choices: overloaded")]
    [InlineData("""{"id":"x","choices":[{"index":0,"message":{"role":"assistant","con""", "not valid JSON")]
    public async Task GetResponseAsync_Malformed_MalformedResponseNamingTheProblem(string body, string expected)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.MalformedResponse, ex.Kind);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains(expected, ex.Message);
        Assert.True(ex.IsTransient);
    }

    public static TheoryData<string[], bool, string> StreamFaults() => new()
    {
        { [Wire.Chunk("Hel"), Wire.Chunk("lo")], false, "without 'data: [DONE]'" },
        { [Wire.Chunk("Hel"), Wire.Chunk("", "stop")], false, "without 'data: [DONE]'" },
        { [Wire.Chunk("Hel"), Wire.Chunk("lo")], true, "without a finish_reason for choice 0" },
        { [], true, "without any choice" },
        { [Wire.UsageChunk], true, "without any choice" },
        { [Wire.Chunk("Hel"), "{not json"], true, "stream chunk 2 is not valid JSON" },
        { [Wire.Chunk("Hel"), """{"choices":{"a":1}}"""], true, "'choices' of JSON type Object" },
    };

    [Theory]
    [MemberData(nameof(StreamFaults))]
    public async Task GetStreamingResponseAsync_BrokenStream_MalformedResponse(string[] chunks, bool done, string expected)
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(chunks, done));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming: true));

        Assert.Equal(ProviderErrorKind.MalformedResponse, ex.Kind);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorObjectMidStream_ServerErrorWithMessage()
    {
        string[] chunks = [Wire.Chunk("Hel"), """{"error":{"message":"The server had an error while processing your request."}}"""];
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(chunks, done: false));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming: true));

        Assert.Equal(ProviderErrorKind.ServerError, ex.Kind);
        Assert.Contains("The server had an error", ex.Message);
        Assert.Contains("The server had an error", ex.ErrorBody);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionResetMidStream_ConnectionFailed()
    {
        var handler = new FakeHttpHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new FailingStream(Encoding.UTF8.GetBytes($"data: {Wire.Chunk("Hel")}\n\n"))),
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming: true));

        Assert.Equal(ProviderErrorKind.ConnectionFailed, ex.Kind);
        Assert.Null(ex.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_HandlerThrowsHttpRequestException_ConnectionFailed(bool streaming)
    {
        var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Equal(ProviderErrorKind.ConnectionFailed, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.Contains("could not be reached", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_NothingListening_ConnectionFailed(bool streaming)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using OpenAICompatibleChatClient client = OpenAICompatible.ForLocalServer(new Uri($"http://127.0.0.1:{port}/v1"), "m");

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Equal(ProviderErrorKind.ConnectionFailed, ex.Kind);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_ServerHangsPastNetworkTimeout_Timeout(bool streaming)
    {
        var handler = new FakeHttpHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler, configure: o => o.NetworkTimeout = TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderErrorKind.Timeout, ex.Kind);
        Assert.Contains("network timeout of 00:00:00.1", ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_CallerHttpClientTimeoutFires_Timeout()
    {
        var handler = new FakeHttpHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        var options = new OpenAICompatibleOptions
        {
            Endpoint = TestClients.Endpoint,
            Model = "m",
            ReadApiKeyFromEnvironment = false,
            HttpClient = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(100) },
        };
        using var client = new OpenAICompatibleChatClient(options);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_BodyStallsPastNetworkTimeout_Timeout()
    {
        var handler = new FakeHttpHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream(Encoding.UTF8.GetBytes($"data: {Wire.Chunk("Hel")}\n\n"))),
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler, configure: o => o.NetworkTimeout = TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming: true)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderErrorKind.Timeout, ex.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_CallerCancelsWhileServerHangs_OperationCanceledNotWrapped(bool streaming)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHttpHandler(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler);
        using var cts = new CancellationTokenSource();

        Task call = StreamingMode.CallAsync(client, streaming, cancellationToken: cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsMidStream_OperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream(Encoding.UTF8.GetBytes($"data: {Wire.Chunk("Hel")}\n\n"))),
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi", cancellationToken: cts.Token))
            {
                Assert.Equal("Hel", update.Text);
                await cts.CancelAsync();
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Yields its bytes, then fails the next read as a reset connection would.</summary>
    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("Connection reset by peer.");
        }
    }

    /// <summary>Yields its bytes, then blocks the next read until cancelled, as a stalled server would.</summary>
    private sealed class StallingStream(byte[] data) : MemoryStream(data)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await base.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }
    }
}
