using System.Globalization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>Maps Reverb selling orders to <see cref="SaleEvent"/>s (one per order: a Reverb order is one listing).</summary>
public static class ReverbSales
{
    /// <summary>
    /// The order's sale, unless it has no SKU. Event id <c>reverb:{order_number}:{listing id}</c> (the order number again
    /// when the listing id is missing), so a webhook and a poll apply once. Reverb holds the listing from the order on
    /// (also unpaid); a <c>cancelled</c> or <c>refunded</c> order commits no units (the reason is kept for the audit trail).
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(ReverbOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrEmpty(order.Sku) || order.Quantity <= 0)
        {
            yield break;
        }

        decimal? unit = order.AmountProduct is { } amount && decimal.TryParse(amount.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var total)
            ? Math.Round(total / order.Quantity, 2)
            : null;
        var lineId = order.ProductId?.ToString(CultureInfo.InvariantCulture) ?? order.OrderNumber;
        var sale = new SaleEvent(MarketplacePlatform.Reverb, order.OrderNumber, lineId, order.Sku, order.Quantity, unit, order.AmountProduct?.Currency, order.CreatedAt);
        yield return order.Status switch
        {
            "cancelled" => sale.WithCommitted(0, "cancelled on Reverb"),
            "refunded" => sale.WithCommitted(0, "refunded on Reverb"),
            _ => sale,
        };
    }
}
