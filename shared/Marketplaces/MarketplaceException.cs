using System.Net;

namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// A marketplace API call failed. Carries what an operator needs to follow it up with the platform:
/// the platform, HTTP status, the platform's request id and the raw response body. Subclasses per
/// platform add the platform's error details (error ids, fields at fault).
/// </summary>
public class MarketplaceException : Exception
{
    public MarketplaceException(string platform, string message, HttpStatusCode? status = null, string? requestId = null, string? rawBody = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Platform = platform;
        Status = status;
        RequestId = requestId;
        RawBody = rawBody;
    }

    /// <summary>The platform (see <see cref="MarketplacePlatform"/>).</summary>
    public string Platform { get; }

    /// <summary>HTTP status, when the platform answered.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The platform's request id header, when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>The raw response body, for diagnosis.</summary>
    public string? RawBody { get; }

    /// <summary>True when a retry may succeed (throttling, 5xx, timeouts); false for validation and auth errors.</summary>
    public virtual bool IsTransient => Status is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)Status >= 500;
}

/// <summary>The platform throttled the call; <see cref="RetryAfter"/> is its hint, when it gave one.</summary>
public class MarketplaceRateLimitException : MarketplaceException
{
    public MarketplaceRateLimitException(string platform, string message, TimeSpan? retryAfter, HttpStatusCode? status = HttpStatusCode.TooManyRequests, string? requestId = null, string? rawBody = null)
        : base(platform, message, status, requestId, rawBody)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the platform asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>
/// A daily or other long-window quota is used up: retrying now cannot succeed. Reported as such
/// (with when it resets, if known) instead of being retried until the job times out.
/// </summary>
public class MarketplaceQuotaExceededException : MarketplaceException
{
    public MarketplaceQuotaExceededException(string platform, string message, DateTimeOffset? resetsAt, HttpStatusCode? status = null, string? requestId = null, string? rawBody = null)
        : base(platform, message, status, requestId, rawBody)
    {
        ResetsAt = resetsAt;
    }

    /// <summary>When the quota resets, if the platform said.</summary>
    public DateTimeOffset? ResetsAt { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
