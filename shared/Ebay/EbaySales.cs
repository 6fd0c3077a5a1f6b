using System.Globalization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>Maps Fulfillment API orders to <see cref="SaleEvent"/>s: one per line item, event id <c>ebay:{orderId}:{lineItemId}</c>.</summary>
public static class EbaySales
{
    /// <summary>
    /// Every line item with a SKU (others cannot move our stock). eBay takes the listing's quantity at checkout, paid or
    /// not, so a line commits its quantity unless the order is cancelled (<c>cancelStatus.cancelState</c> CANCELED) or
    /// its payment failed (<c>orderPaymentStatus</c> FAILED): those commit none, with the reason. The same order always
    /// yields the same event ids, so a notification and a poll apply once in the ledger.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(EbayOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var released = ReleasedReason(order);
        foreach (var line in order.LineItems)
        {
            if (string.IsNullOrEmpty(line.Sku) || line.Quantity <= 0)
            {
                continue;
            }

            decimal? unit = line.LineItemCost is { } cost && decimal.TryParse(cost.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var total)
                ? Math.Round(total / line.Quantity, 2)
                : null;
            var sale = new SaleEvent(MarketplacePlatform.Ebay, order.OrderId, line.LineItemId, line.Sku, line.Quantity, unit, line.LineItemCost?.Currency, order.CreationDate);
            yield return released is null ? sale : sale.WithCommitted(0, released);
        }
    }

    private static string? ReleasedReason(EbayOrder order)
    {
        if (string.Equals(order.CancelStatus?.CancelState, "CANCELED", StringComparison.OrdinalIgnoreCase))
        {
            return "cancelled on eBay";
        }

        return string.Equals(order.OrderPaymentStatus, "FAILED", StringComparison.OrdinalIgnoreCase) ? "eBay payment failed" : null;
    }
}
