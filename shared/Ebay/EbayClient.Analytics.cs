namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>
    /// The seller's call quotas (Developer Analytics <c>getUserRateLimits</c>, user token), optionally for one API
    /// context (<c>sell</c>) or API name. Safe to repeat; the call does not count against the Sell quotas.
    /// </summary>
    public async Task<IReadOnlyList<EbayApiRateLimit>> GetUserRateLimitsAsync(string? apiContext = null, string? apiName = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join('&', new[] { ("api_context", apiContext), ("api_name", apiName) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        var path = "/developer/analytics/v1_beta/user_rate_limit/" + (query.Length > 0 ? "?" + query : string.Empty);
        var response = await SendAsync("getUserRateLimits", () => Request(HttpMethod.Get, path), retrySafe: true, cancellationToken);
        return (await ReadAsync<EbayRateLimitsResponse>(response, cancellationToken)).RateLimits ?? [];
    }
}

/// <summary>One API's quotas from the Developer Analytics API.</summary>
public sealed record EbayApiRateLimit(string? ApiContext, string? ApiName, string? ApiVersion, IReadOnlyList<EbayRateLimitResource>? Resources);

/// <summary>One resource (e.g. <c>sell.inventory</c>) and its rates.</summary>
public sealed record EbayRateLimitResource(string? Name, IReadOnlyList<EbayRate>? Rates);

/// <summary>A quota: calls made (<c>count</c>), allowed (<c>limit</c>) and left (<c>remaining</c>) in a window of <c>timeWindow</c> seconds ending at <c>reset</c>.</summary>
public sealed record EbayRate(int? Count, int? Limit, int? Remaining, DateTimeOffset? Reset, int? TimeWindow);

internal sealed record EbayRateLimitsResponse(IReadOnlyList<EbayApiRateLimit>? RateLimits);
