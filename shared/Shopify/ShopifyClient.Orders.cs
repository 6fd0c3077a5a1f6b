using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>
    /// Order lines created at or after <paramref name="since"/>, as sale events (<c>shopify:{order}:{line}</c>); a line of a
    /// cancelled order commits no stock (<see cref="SaleEvent.Committed"/> 0), so polling gives back what its sale took.
    /// </summary>
    public IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        GetSalesCoreAsync(since, null, cancellationToken);

    /// <summary>
    /// The lines of <paramref name="sku"/> in orders created at or after <paramref name="since"/> (search <c>sku:'…' created_at:&gt;='…'</c>; the
    /// lines are also filtered here, since an order holds other SKUs too), as sale events; a cancelled order's lines commit none. Used to account for the
    /// sales behind a stock level before comparing it with the catalog (<see cref="Catalog.Ledger.RemoteQuantityResolver"/>).
    /// </summary>
    public IAsyncEnumerable<SaleEvent> GetSalesOfSkuAsync(string sku, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        return GetSalesCoreAsync(since, sku, cancellationToken);
    }

    private async IAsyncEnumerable<SaleEvent> GetSalesCoreAsync(DateTimeOffset since, string? sku, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var created = $"created_at:>='{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}'";
        var filter = sku is null ? created : $"sku:'{sku.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}' {created}";
        while (true)
        {
            var after = cursor;
            // An order with 50 line items costs 153 points: 5 a page stays under the 1,000-point single-query limit.
            var data = await ExecuteAsync("orders", ShopifyDocuments.OrdersPage, w =>
            {
                w.WriteNumber("first", 5);
                w.WriteString("after", after);
                w.WriteString("query", filter);
            }, cancellationToken);
            var connection = data.GetProperty("orders");
            foreach (var order in ShopifyProductReader.Nodes(connection))
            {
                var orderId = ShopifyIds.Numeric(order.GetProperty("id").GetString()!);
                var createdAt = DateTimeOffset.Parse(order.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
                if (createdAt < since)
                {
                    continue;
                }

                // The orders page has no cancel reason; the webhook's reads "cancelled on Shopify (reason)".
                var cancelled = order.OptionalString("cancelledAt") is not null;

                foreach (var line in ShopifyProductReader.Nodes(order.GetProperty("lineItems")))
                {
                    if (sku is not null && !string.Equals(line.OptionalString("sku"), sku, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var money = line.TryGetProperty("originalUnitPriceSet", out var set) ? set.GetProperty("shopMoney") : default;
                    var sale = new SaleEvent(
                        MarketplacePlatform.Shopify,
                        orderId,
                        ShopifyIds.Numeric(line.GetProperty("id").GetString()!),
                        line.OptionalString("sku") ?? string.Empty,
                        line.GetProperty("quantity").GetInt32(),
                        money.ValueKind == JsonValueKind.Object ? decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture) : null,
                        money.ValueKind == JsonValueKind.Object ? money.OptionalString("currencyCode") : null,
                        createdAt);
                    yield return cancelled ? sale.WithCommitted(0, "cancelled on Shopify") : sale;
                }
            }

            var page = connection.GetProperty("pageInfo");
            if (!page.GetProperty("hasNextPage").GetBoolean())
            {
                yield break;
            }

            cursor = page.GetProperty("endCursor").GetString();
        }
    }
}

/// <summary>Global id helpers.</summary>
public static class ShopifyIds
{
    /// <summary>The numeric tail of a gid (<c>gid://shopify/Order/123</c> gives <c>123</c>); other strings unchanged.</summary>
    public static string Numeric(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var slash = id.LastIndexOf('/');
        return slash >= 0 ? id[(slash + 1)..] : id;
    }

    /// <summary>The gid of a REST-style numeric id (<c>Gid("Product", 123)</c>).</summary>
    public static string Gid(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";
}
