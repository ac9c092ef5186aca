using System.Net;
using System.Net.Sockets;
using Chorus.Providers;

namespace Chorus.Tests.Providers;

public sealed class ProviderFailureClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, ProviderErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ProviderErrorKind.ServerError)]
    [InlineData(HttpStatusCode.TemporaryRedirect, ProviderErrorKind.Redirected)]
    [InlineData(HttpStatusCode.MovedPermanently, ProviderErrorKind.Redirected)]
    [InlineData(HttpStatusCode.Unauthorized, ProviderErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.RequestTimeout, ProviderErrorKind.Timeout)]
    [InlineData(HttpStatusCode.NotFound, ProviderErrorKind.BadRequest)]
    public void Classify_HttpRequestExceptionWithStatus_MapsTheStatus(HttpStatusCode status, ProviderErrorKind kind)
    {
        ProviderFailure? failure = ProviderFailureClassifier.Default.Classify(new HttpRequestException("failed", null, status));

        Assert.NotNull(failure);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal((int)status, failure.StatusCode);
    }

    public static TheoryData<Exception, ProviderErrorKind> Transport() => new()
    {
        { new HttpRequestException("no route"), ProviderErrorKind.ConnectionFailed },
        { new IOException("reset by peer"), ProviderErrorKind.ConnectionFailed },
        { new SocketException((int)SocketError.ConnectionReset), ProviderErrorKind.ConnectionFailed },
        { new TimeoutException("slow"), ProviderErrorKind.Timeout },
        { new TaskCanceledException("HttpClient.Timeout", new TimeoutException()), ProviderErrorKind.Timeout },
        { new InvalidOperationException("wrapper", new IOException("reset")), ProviderErrorKind.ConnectionFailed },
    };

    [Theory]
    [MemberData(nameof(Transport))]
    public void Classify_TimeoutsAndResets_MappedAndTransient(Exception exception, ProviderErrorKind kind)
    {
        ProviderFailure? failure = ProviderFailureClassifier.Default.Classify(exception);

        Assert.NotNull(failure);
        Assert.Equal(kind, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.True(failure.IsEndpointFailure);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public void Classify_ChatProviderException_KeepsKindStatusAndRetryAfter()
    {
        var signals = new RateLimitSignals(LimitRequests: 60, RetryAfter: TimeSpan.FromSeconds(3));

        ProviderFailure? failure = ProviderFailureClassifier.Default.Classify(
            new ChatProviderException("slow down", ProviderErrorKind.RateLimited, 429, rateLimits: signals));

        Assert.Equal(new ProviderFailure(ProviderErrorKind.RateLimited, 429, signals), failure);
        Assert.Equal(TimeSpan.FromSeconds(3), failure!.RetryAfter);
        Assert.False(failure.IsEndpointFailure);
    }

    [Fact]
    public void Classify_UnknownException_IsNotAProviderFailure()
    {
        Assert.Null(ProviderFailureClassifier.Default.Classify(new ArgumentException("bug")));
    }

    [Fact]
    public void With_CustomMapper_WinsOverBuiltInsAndLeavesTheOriginalUnchanged()
    {
        ProviderFailureClassifier custom = ProviderFailureClassifier.Default.With(
            ex => ex is VendorException v ? ProviderFailure.FromStatus(v.Status) with { ClientRetries = "vendor retries" } : null);

        ProviderFailure? mapped = custom.Classify(new InvalidOperationException("outer", new VendorException(429)));

        Assert.Equal(ProviderErrorKind.RateLimited, mapped?.Kind);
        Assert.Equal("vendor retries", mapped?.ClientRetries);
        Assert.Null(ProviderFailureClassifier.Default.Classify(new VendorException(429)));
        Assert.Equal(ProviderErrorKind.Timeout, custom.Classify(new TimeoutException())?.Kind);
    }

    [Theory]
    [InlineData(429, "insufficient_quota", ProviderErrorKind.QuotaExceeded, false)]
    [InlineData(429, "rate_limit_exceeded", ProviderErrorKind.RateLimited, true)]
    [InlineData(429, null, ProviderErrorKind.RateLimited, true)]
    [InlineData(308, null, ProviderErrorKind.Redirected, false)]
    [InlineData(500, null, ProviderErrorKind.ServerError, true)]
    public void FromStatus_StatusAndCode_KindAndTransience(int status, string? code, ProviderErrorKind kind, bool transient)
    {
        ProviderFailure failure = ProviderFailure.FromStatus(status, errorCode: code);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(code, failure.ErrorCode);
    }

    [Fact]
    public void ChatProviderException_QuotaAndRedirect_AreNotTransient()
    {
        Assert.False(new ChatProviderException("quota", ProviderErrorKind.QuotaExceeded, 429).IsTransient);
        Assert.False(new ChatProviderException("moved", ProviderErrorKind.Redirected, 301).IsTransient);
    }

    private sealed class VendorException(int status) : Exception("vendor failure")
    {
        public int Status { get; } = status;
    }
}
