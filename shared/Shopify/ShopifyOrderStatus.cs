using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// Shopify's order status rules, shared by the order webhooks (REST: <c>voided</c>, <c>no_restock</c>) and the polled
/// <c>orders</c> query (GraphQL enums: <c>VOIDED</c>, <c>NO_RESTOCK</c>), so both read one order the same way.
/// </summary>
internal static class ShopifyOrderStatus
{
    /// <summary>Why the whole order commits no stock (test, cancelled, voided, restocked), or null when it holds its lines.</summary>
    public static string? ReleasedReason(bool test, bool cancelled, string? cancelReason, string? financialStatus, string? fulfillmentStatus)
    {
        if (test)
        {
            return "Shopify test order";
        }

        if (cancelled)
        {
            return "cancelled on Shopify" + (cancelReason is { Length: > 0 } reason ? $" ({reason.ToLowerInvariant()})" : string.Empty);
        }

        return (financialStatus?.ToLowerInvariant(), fulfillmentStatus?.ToLowerInvariant()) switch
        {
            ("voided", _) => "Shopify payment voided",
            (_, "restocked") => "restocked on Shopify",
            _ => null,
        };
    }

    /// <summary>True when a refund line item of this <c>restock_type</c> / <c>restockType</c> puts its units back in stock.</summary>
    public static bool Restocks(string? restockType) =>
        restockType is { Length: > 0 } && !string.Equals(restockType, "no_restock", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line with the units its order still holds: none when released, less what refunds restocked.</summary>
    public static SaleEvent Apply(SaleEvent sale, string? released, IReadOnlyDictionary<string, int> restocked) =>
        released is not null ? sale.WithCommitted(0, released)
        : restocked.TryGetValue(sale.LineId, out var back) ? sale.WithCommitted(sale.Quantity - back, $"refunded on Shopify, {back} restocked")
        : sale;
}
