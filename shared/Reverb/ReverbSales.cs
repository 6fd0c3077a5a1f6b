using System.Globalization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>Maps Reverb selling orders to <see cref="SaleEvent"/>s (one per order: a Reverb order is one listing).</summary>
public static class ReverbSales
{
    /// <summary>
    /// The order's sale, unless it was cancelled or has no SKU. Event id <c>reverb:{order_number}:{listing id}</c>
    /// (the order number again when the listing id is missing), so a webhook and a poll apply once.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(ReverbOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status is "cancelled" || string.IsNullOrEmpty(order.Sku) || order.Quantity <= 0)
        {
            yield break;
        }

        decimal? unit = order.AmountProduct is { } amount && decimal.TryParse(amount.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var total)
            ? Math.Round(total / order.Quantity, 2)
            : null;
        var lineId = order.ProductId?.ToString(CultureInfo.InvariantCulture) ?? order.OrderNumber;
        yield return new SaleEvent(MarketplacePlatform.Reverb, order.OrderNumber, lineId, order.Sku, order.Quantity, unit, order.AmountProduct?.Currency, order.CreatedAt);
    }
}
