using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>Maps Shopware orders to <see cref="SaleEvent"/>s, one per product line.</summary>
public static class ShopwareSales
{
    /// <summary>
    /// The order's product lines with a product number. Event id <c>shopware:{orderNumber}:{line id}</c> (the order id
    /// when it has no number), so a webhook and a poll apply once. Shopware reserves stock when the order is placed; an
    /// order in the <c>cancelled</c> state of the order state machine commits none (<see cref="SaleEvent.Committed"/> 0),
    /// so a cancellation after the sale gives the stock back.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(ShopwareOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var cancelled = order.StateMachineState?.TechnicalName is "cancelled";

        foreach (var line in order.LineItems)
        {
            if (line.Type is "product" && line.Payload?.ProductNumber is { Length: > 0 } sku && line.Quantity > 0)
            {
                var sale = new SaleEvent(MarketplacePlatform.Shopware, order.OrderNumber ?? order.Id, line.Id, sku, line.Quantity, line.UnitPrice,
                    order.Currency?.IsoCode, order.OrderDateTime);
                yield return cancelled ? sale.WithCommitted(0, "cancelled on Shopware") : sale;
            }
        }
    }
}
