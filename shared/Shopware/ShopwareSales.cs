using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>Maps Shopware orders to <see cref="SaleEvent"/>s, one per product line.</summary>
public static class ShopwareSales
{
    /// <summary>
    /// The order's product lines with a product number. Event id <c>shopware:{orderNumber}:{line id}</c> (the order id when
    /// it has no number), so a webhook and a poll apply once. Shopware holds stock from the order on (also unpaid); an order
    /// in state <c>cancelled</c>, or whose newest payment transaction is <c>refunded</c> or <c>cancelled</c>, commits no units,
    /// so a line that sold gives its stock back through the return path, once.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(ShopwareOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        foreach (var line in order.LineItems)
        {
            if (line.Type is "product" && line.Payload?.ProductNumber is { Length: > 0 } sku && line.Quantity > 0)
            {
                var sale = new SaleEvent(MarketplacePlatform.Shopware, order.OrderNumber ?? order.Id, line.Id, sku, line.Quantity, line.UnitPrice,
                    order.Currency?.IsoCode, order.OrderDateTime);
                yield return ReleasedReason(order) is { } released ? sale.WithCommitted(0, released) : sale;
            }
        }
    }

    private static string? ReleasedReason(ShopwareOrder order)
    {
        if (order.StateMachineState?.TechnicalName is "cancelled")
        {
            return "cancelled on Shopware";
        }

        var payment = order.Transactions.OrderBy(t => t.CreatedAt ?? DateTimeOffset.MinValue).LastOrDefault();
        return payment?.StateMachineState?.TechnicalName switch
        {
            "refunded" => "payment refunded on Shopware",
            "cancelled" => "payment cancelled on Shopware",
            _ => null,
        };
    }
}
