namespace Marketplace.Shared.Shopify;

/// <summary>The <c>X-Shopify-*</c> headers of a webhook delivery.</summary>
/// <param name="Topic">e.g. <c>orders/create</c>.</param>
/// <param name="WebhookId">Delivery id: the receiver dedupes on it (the same event may be delivered more than once).</param>
/// <param name="ShopDomain">The shop's myshopify domain.</param>
/// <param name="ApiVersion">The payload's API version.</param>
/// <param name="TriggeredAt">When the event happened, when sent.</param>
/// <param name="EventId">Identifies the event across its deliveries, when sent.</param>
public sealed record ShopifyWebhookHeaders(string Topic, string WebhookId, string ShopDomain, string? ApiVersion, DateTimeOffset? TriggeredAt, string? EventId)
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";
    public const string ApiVersionHeader = "X-Shopify-API-Version";
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";
    public const string EventIdHeader = "X-Shopify-Event-Id";

    /// <summary>Reads the headers.</summary>
    /// <exception cref="ShopifyException">Topic, webhook id or shop domain is missing.</exception>
    public static ShopifyWebhookHeaders Read(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new ShopifyWebhookHeaders(
            Required(headers, TopicHeader),
            Required(headers, WebhookIdHeader),
            Required(headers, ShopDomainHeader),
            Find(headers, ApiVersionHeader),
            Find(headers, TriggeredAtHeader) is { } at && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            Find(headers, EventIdHeader));
    }

    internal static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    private static string Required(IReadOnlyDictionary<string, string> headers, string name) =>
        Find(headers, name) is { Length: > 0 } value ? value : throw new ShopifyException($"Shopify webhook lacks the {name} header.");
}
