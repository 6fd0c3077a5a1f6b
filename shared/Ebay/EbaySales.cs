using System.Globalization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>Maps Fulfillment API orders to <see cref="SaleEvent"/>s: one per line item, event id <c>ebay:{orderId}:{lineItemId}</c>.</summary>
public static class EbaySales
{
    /// <summary>
    /// Line items of an order that is not cancelled. Line items without a SKU cannot move our stock and are skipped.
    /// The same order always yields the same event ids, so a notification and a poll apply once in the ledger.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(EbayOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.Equals(order.CancelStatus?.CancelState, "CANCELED", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        foreach (var line in order.LineItems)
        {
            if (string.IsNullOrEmpty(line.Sku) || line.Quantity <= 0)
            {
                continue;
            }

            decimal? unit = line.LineItemCost is { } cost && decimal.TryParse(cost.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var total)
                ? Math.Round(total / line.Quantity, 2)
                : null;
            yield return new SaleEvent(MarketplacePlatform.Ebay, order.OrderId, line.LineItemId, line.Sku, line.Quantity, unit, line.LineItemCost?.Currency, order.CreationDate);
        }
    }
}
