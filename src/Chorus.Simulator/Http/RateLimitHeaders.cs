using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Chorus.Simulator;

/// <summary>Writes OpenAI's rate-limit headers: <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> on every answer, and
/// <c>retry-after</c> (whole seconds, rounded up) with <c>retry-after-ms</c> on a refusal that can succeed later.</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, RateLimitDecision decision, SimulatorSettings settings)
    {
        if (!settings.OmitRateLimitHeaders)
        {
            Write(response, "requests", decision.Requests);
            Write(response, "tokens", decision.Tokens);
        }

        if (decision.RetryAfter is not { } retryAfter)
        {
            return;
        }

        double ms = Math.Ceiling(retryAfter.TotalMilliseconds);
        long seconds = (long)Math.Max(1, Math.Ceiling(ms / 1000));
        switch (settings.RetryAfterStyle)
        {
            case RetryAfterStyle.SecondsAndMilliseconds:
                response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
                response.Headers["retry-after-ms"] = ((long)Math.Max(1, ms)).ToString(CultureInfo.InvariantCulture);
                break;
            case RetryAfterStyle.Seconds:
                response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
                break;
            case RetryAfterStyle.HttpDate:
                // An HTTP date has whole seconds: round the wake-up up to the next whole second of the server's clock.
                DateTimeOffset now = settings.TimeProvider.GetUtcNow();
                long at = (long)Math.Ceiling((now.ToUnixTimeMilliseconds() + ms) / 1000);
                response.Headers["retry-after"] = DateTimeOffset.FromUnixTimeSeconds(at).ToString("r", CultureInfo.InvariantCulture);
                break;
            default:
                break;
        }
    }

    private static void Write(HttpResponse response, string unit, RateLimitDecision.Budget? budget)
    {
        if (budget is null)
        {
            return;
        }

        response.Headers["x-ratelimit-limit-" + unit] = budget.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-" + unit] = budget.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-" + unit] = DurationFormat.Format(budget.Reset);
    }
}
