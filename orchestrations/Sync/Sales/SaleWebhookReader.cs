using System.Globalization;
using System.Text.Json;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopware;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>A stored webhook that can never become sale events (unreadable, forged, not this shop's order): dead-letter it.</summary>
public sealed class SaleWebhookException(string message) : Exception(message);

/// <summary>
/// Turns a verified webhook into sale events. Shopify <c>orders/create</c> and <c>orders/paid</c> bodies are read
/// directly (the HMAC proved them); eBay notifications are verified with eBay's public key and the order is fetched;
/// Reverb and Shopware app bodies only name an order, which is fetched. Other topics give no events. Unreadable or unconfirmable
/// webhooks throw <see cref="SaleWebhookException"/>; platform outages throw their own exceptions (retry later).
/// </summary>
public sealed class SaleWebhookReader(IServiceProvider services)
{
    private static readonly HashSet<string> ShopifySaleTopics = new(StringComparer.OrdinalIgnoreCase) { "orders/create", "orders/paid" };

    /// <summary>The sale events of one webhook; <paramref name="header"/> reads its headers case-insensitively.</summary>
    public async Task<IReadOnlyList<SaleEvent>> ReadAsync(string platform, Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        switch (platform.ToLowerInvariant())
        {
            case MarketplacePlatform.Shopify:
                var topic = header("X-Shopify-Topic");
                return topic is not null && ShopifySaleTopics.Contains(topic) ? ReadShopifyOrder(body) : [];
            case MarketplacePlatform.Ebay:
                var ebay = services.GetService<EbayNotificationHandler>() ?? throw new SaleWebhookException("eBay is not configured (section Ebay).");
                var notification = await ebay.HandleAsync(body, header("X-EBAY-SIGNATURE"), cancellationToken);
                return notification.Accepted ? notification.Sales : throw new SaleWebhookException($"eBay notification rejected: {notification.Rejection}");
            case MarketplacePlatform.Reverb:
                var client = services.GetService<ReverbClient>() ?? throw new SaleWebhookException("Reverb is not configured (section Reverb).");
                var reverb = await new ReverbWebhookHandler(client).HandleAsync(client.Options.WebhookSecret, body, cancellationToken);
                return reverb.Accepted ? reverb.Sales : throw new SaleWebhookException($"Reverb webhook rejected: {reverb.Rejection}");
            case MarketplacePlatform.Shopware:
                var shopware = services.GetService<ShopwareClient>() ?? throw new SaleWebhookException("Shopware is not configured (section Shopware).");
                var order = await new ShopwareWebhookHandler(shopware).HandleAsync(body, cancellationToken);
                return order.Accepted ? order.Sales : throw new SaleWebhookException($"Shopware webhook rejected: {order.Rejection}");
            default:
                return [];
        }
    }

    internal static IReadOnlyList<SaleEvent> ReadShopifyOrder(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var order = document.RootElement;
            var orderId = Text(order.GetProperty("id"));
            var created = order.TryGetProperty("created_at", out var at) && at.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture)
                : DateTimeOffset.UnixEpoch;
            var currency = order.TryGetProperty("currency", out var c) ? c.GetString() : null;
            var sales = new List<SaleEvent>();
            foreach (var line in order.GetProperty("line_items").EnumerateArray())
            {
                var sku = line.TryGetProperty("sku", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
                decimal? price = line.TryGetProperty("price", out var p) && p.ValueKind is JsonValueKind.String or JsonValueKind.Number
                    ? decimal.Parse(Text(p), CultureInfo.InvariantCulture)
                    : null;
                sales.Add(new SaleEvent(MarketplacePlatform.Shopify, orderId, Text(line.GetProperty("id")), sku, line.GetProperty("quantity").GetInt32(), price, currency, created));
            }

            return sales;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SaleWebhookException($"Shopify order webhook is not readable: {ex.Message}");
        }
    }

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.GetString() ?? string.Empty;
}
