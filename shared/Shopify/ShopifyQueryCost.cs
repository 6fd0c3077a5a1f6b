using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>The <c>extensions.cost.throttleStatus</c> of a response: the shop's bucket for this app.</summary>
public sealed record ShopifyThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

/// <summary>The <c>extensions.cost</c> of a response. <see cref="ActualQueryCost"/> is null when the request was throttled.</summary>
public sealed record ShopifyQueryCost(double RequestedQueryCost, double? ActualQueryCost, ShopifyThrottleStatus ThrottleStatus);

/// <summary>Shopify throttled the call (GraphQL <c>THROTTLED</c> or HTTP 429) and retries were used up.</summary>
public sealed class ShopifyThrottledException(string message, TimeSpan? retryAfter, HttpStatusCode? status, string? requestId, string? rawBody)
    : MarketplaceRateLimitException(MarketplacePlatform.Shopify, message, retryAfter, status, requestId, rawBody)
{
    /// <summary>The cost report that came with the throttle, when there was one.</summary>
    public ShopifyQueryCost? Cost { get; init; }
}
