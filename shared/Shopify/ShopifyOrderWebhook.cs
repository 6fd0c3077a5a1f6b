using System.Globalization;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// Reads the REST order body of the order webhooks (<c>orders/create</c>, <c>orders/paid</c>, <c>orders/updated</c>,
/// <c>orders/cancelled</c>) into one <see cref="SaleEvent"/> per line item, with the units the order still holds
/// against stock. Shopify commits inventory when the order is created, also while payment is pending, so a line
/// commits its quantity except: a <c>test</c> order, an order with <c>cancelled_at</c>, a <c>voided</c>
/// <c>financial_status</c> or a <c>restocked</c> <c>fulfillment_status</c> commits none; a refund line item with a
/// <c>restock_type</c> other than <c>no_restock</c> gives its quantity back.
/// </summary>
public static class ShopifyOrderWebhook
{
    /// <summary>The topics whose body is an order.</summary>
    public static IReadOnlySet<string> Topics { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "orders/create", "orders/paid", "orders/updated", "orders/cancelled",
    };

    /// <summary>The order's lines as sale events.</summary>
    /// <exception cref="ShopifyException">The body is not a readable order.</exception>
    public static IReadOnlyList<SaleEvent> ToSaleEvents(ReadOnlyMemory<byte> body)
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
            var released = ReleasedReason(order);
            var restocked = Restocked(order);
            var sales = new List<SaleEvent>();
            foreach (var line in order.GetProperty("line_items").EnumerateArray())
            {
                var sku = line.TryGetProperty("sku", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
                decimal? price = line.TryGetProperty("price", out var p) && p.ValueKind is JsonValueKind.String or JsonValueKind.Number
                    ? decimal.Parse(Text(p), CultureInfo.InvariantCulture)
                    : null;
                var lineId = Text(line.GetProperty("id"));
                var sale = new SaleEvent(MarketplacePlatform.Shopify, orderId, lineId, sku, line.GetProperty("quantity").GetInt32(), price, currency, created);
                sales.Add(ShopifyOrderStatus.Apply(sale, released, restocked));
            }

            return sales;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ShopifyException($"Shopify order webhook is not readable: {ex.Message}", innerException: ex);
        }
    }

    private static string? ReleasedReason(JsonElement order) => ShopifyOrderStatus.ReleasedReason(
        order.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.True,
        order.TryGetProperty("cancelled_at", out var cancelled) && cancelled.ValueKind == JsonValueKind.String,
        String(order, "cancel_reason"),
        String(order, "financial_status"),
        String(order, "fulfillment_status"));

    private static Dictionary<string, int> Restocked(JsonElement order)
    {
        var restocked = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!order.TryGetProperty("refunds", out var refunds) || refunds.ValueKind != JsonValueKind.Array)
        {
            return restocked;
        }

        foreach (var item in refunds.EnumerateArray().SelectMany(r => r.TryGetProperty("refund_line_items", out var items) ? items.EnumerateArray() : default))
        {
            if (!ShopifyOrderStatus.Restocks(String(item, "restock_type")))
            {
                continue;
            }

            var lineId = Text(item.GetProperty("line_item_id"));
            restocked[lineId] = restocked.GetValueOrDefault(lineId) + item.GetProperty("quantity").GetInt32();
        }

        return restocked;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.GetString() ?? string.Empty;
}
