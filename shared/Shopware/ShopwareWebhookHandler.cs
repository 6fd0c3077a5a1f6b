using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>What an order webhook gave: its sales, or why it was refused.</summary>
public sealed record ShopwareWebhookResult(bool Accepted, IReadOnlyList<SaleEvent> Sales, string? Rejection);

/// <summary>
/// Reads a Shopware app webhook (already verified by its <c>shopware-shop-signature</c>) about an order
/// (<c>checkout.order.placed</c>, order state changes): the body names the order under <c>data.payload</c>, and the order is
/// fetched from the Admin API before it counts, so only what Shopware shows now becomes sale events (a cancelled order commits no units).
/// Other events give no sales.
/// </summary>
public sealed class ShopwareWebhookHandler(ShopwareClient client)
{
    public async Task<ShopwareWebhookResult> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return new ShopwareWebhookResult(false, [], $"The body is not JSON: {ex.Message}");
        }

        var data = root?["data"];
        var name = data?["event"]?.ToString() ?? string.Empty;
        if (!name.Contains("order", StringComparison.OrdinalIgnoreCase))
        {
            return new ShopwareWebhookResult(true, [], null);
        }

        var payload = data?["payload"];
        var orderId = payload?["order"]?["id"]?.ToString() ?? payload?["orderId"]?.ToString();
        if (string.IsNullOrEmpty(orderId))
        {
            return new ShopwareWebhookResult(false, [], $"The {name} webhook names no order.");
        }

        var order = await client.GetOrderAsync(orderId, cancellationToken);
        return order is null
            ? new ShopwareWebhookResult(false, [], $"Shopware has no order {orderId}.")
            : new ShopwareWebhookResult(true, [.. ShopwareSales.ToSaleEvents(order)], null);
    }
}
