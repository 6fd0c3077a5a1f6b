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
    public static IEnumerable<SaleEvent> ToSaleEvents(EbayOrder order) =>
        ToSaleEvents(order, new Dictionary<(string OrderId, string ItemId), (int Units, string ReturnId)>());

    /// <summary>
    /// As <see cref="ToSaleEvents(EbayOrder)"/>, less the units of completed returns (<see cref="RestockedUnits"/>), keyed by
    /// order id and listing id (<c>legacyItemId</c>): a line returned and refunded commits only what the buyer kept.
    /// </summary>
    public static IEnumerable<SaleEvent> ToSaleEvents(EbayOrder order, IReadOnlyDictionary<(string OrderId, string ItemId), (int Units, string ReturnId)> returns)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(returns);
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
            yield return released is not null ? sale.WithCommitted(0, released)
                : line.LegacyItemId is { } itemId && returns.TryGetValue((order.OrderId, itemId), out var back)
                    ? sale.WithCommitted(line.Quantity - back.Units, $"returned on eBay (return {back.ReturnId}), refunded")
                : sale;
        }
    }

    /// <summary>
    /// Units a Post-Order return gives back: its <c>creationInfo.item.returnQuantity</c> once the return is complete for a
    /// refund (<c>currentType</c> MONEY_BACK, <c>state</c> CLOSED, an <c>actualRefundAmount</c> issued); 0 while it is open,
    /// for a replacement, or when it closed without a refund (the buyer kept the item or gave up).
    /// </summary>
    public static int RestockedUnits(EbayReturn request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var complete = string.Equals(request.State, "CLOSED", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.CurrentType, "REPLACEMENT", StringComparison.OrdinalIgnoreCase)
            && request.SellerTotalRefund?.ActualRefundAmount is { Value: > 0m };
        return complete ? Math.Max(0, request.CreationInfo?.Item?.ReturnQuantity ?? 0) : 0;
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
