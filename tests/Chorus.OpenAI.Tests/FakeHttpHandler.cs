using System.Net;
using System.Text;

namespace Chorus.OpenAI.Tests;

/// <summary>A hand-written <see cref="HttpMessageHandler"/>: answers with a callback and records every request.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly object _sync = new();
    private readonly List<RecordedRequest> _requests = [];

    public FakeHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => Respond = respond;

    public FakeHttpHandler(Func<HttpResponseMessage> respond)
        : this((_, _) => Task.FromResult(respond()))
    {
    }

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_sync) { return [.. _requests]; } }
    }

    public RecordedRequest LastRequest => Requests[^1];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (_sync)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        }

        return await Respond(request, cancellationToken);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Sse(IEnumerable<string> dataPayloads, bool done = true, params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder();
        foreach (string data in dataPayloads)
        {
            text.Append("data: ").Append(data).Append("\n\n");
        }

        if (done)
        {
            text.Append("data: [DONE]\n\n");
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text.ToString(), Encoding.UTF8, "text/event-stream") };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
