using System.Net.Http.Headers;
using System.Text.Json;

namespace Chorus.Cli.Connection;

/// <summary>Finds the model to use when <c>--endpoint</c> is given without <c>--model</c>: the endpoint's only model, from <c>GET /models</c>.</summary>
/// <remarks>Local servers (llama.cpp, a single-model vLLM, the Chorus simulator) serve one model, so naming it is noise; an endpoint with
/// several (OpenAI) gets a usage error that lists them. The key is sent as a bearer token and never printed.</remarks>
internal static class ModelDiscovery
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<string> FindOnlyModelAsync(Uri endpoint, string? apiKey, CancellationToken cancellationToken)
    {
        var models = new Uri(endpoint.ToString().TrimEnd('/') + "/models");
        IReadOnlyList<string> ids;
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, models);
            if (!string.IsNullOrEmpty(apiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            ids = [.. doc.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).OfType<string>()];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliUsageException(
                $"--endpoint needs --model: which model should answer? (Listing {models} to find one failed: {ex.Message})",
                "for example: --endpoint https://api.openai.com/v1 --model gpt-4o-mini");
        }

        return ids.Count switch
        {
            1 => ids[0],
            0 => throw new CliUsageException($"--endpoint needs --model: {models} lists no models.", "pass the model's name with --model"),
            _ => throw new CliUsageException(
                $"--endpoint needs --model: {endpoint} serves {ids.Count} models ({string.Join(", ", ids.Take(8))}{(ids.Count > 8 ? ", ..." : string.Empty)}).",
                $"for example: --model {ids[0]}"),
        };
    }
}
