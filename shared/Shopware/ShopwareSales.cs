using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>Maps Shopware orders to <see cref="SaleEvent"/>s, one per product line.</summary>
public static class ShopwareSales
{
    /// <summary>
    /// The order's product lines with a product number, unless the order is cancelled. Event id
    /// <c>shopware:{orderNumber}:{line id}</c> (the order id when it has no number), so a webhook and a poll apply once.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(ShopwareOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.StateMachineState?.TechnicalName is "cancelled")
        {
            yield break;
        }

        foreach (var line in order.LineItems)
        {
            if (line.Type is "product" && line.Payload?.ProductNumber is { Length: > 0 } sku && line.Quantity > 0)
            {
                yield return new SaleEvent(MarketplacePlatform.Shopware, order.OrderNumber ?? order.Id, line.Id, sku, line.Quantity, line.UnitPrice,
                    order.Currency?.IsoCode, order.OrderDateTime);
            }
        }
    }
}
