using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Chorus.Simulator;

/// <summary>Writes OpenAI's rate-limit headers: <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> on every answer, and
/// <c>retry-after</c> (whole seconds, rounded up) with <c>retry-after-ms</c> on a refusal that can succeed later.</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, RateLimitDecision decision)
    {
        Write(response, "requests", decision.Requests);
        Write(response, "tokens", decision.Tokens);
        if (decision.RetryAfter is { } retryAfter)
        {
            double ms = Math.Ceiling(retryAfter.TotalMilliseconds);
            response.Headers["retry-after"] = ((long)Math.Max(1, Math.Ceiling(ms / 1000))).ToString(CultureInfo.InvariantCulture);
            response.Headers["retry-after-ms"] = ((long)Math.Max(1, ms)).ToString(CultureInfo.InvariantCulture);
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
