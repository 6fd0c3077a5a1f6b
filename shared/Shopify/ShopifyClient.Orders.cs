using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    // An order with 50 line items and 5 refunds of 50 lines costs 256 points: 3 a page stay under the 1,000-point single-query limit.
    private const int OrdersPageSize = 3;

    /// <summary>
    /// Lines of the orders created or updated at or after <paramref name="since"/> (search <c>updated_at:&gt;='…'</c>, so a later
    /// cancellation or refund of an older order is seen), as sale events (<c>shopify:{order}:{line}</c>) under the order webhooks'
    /// status rules: a test, cancelled, voided or restocked order commits no stock (<see cref="SaleEvent.Committed"/> 0) and a
    /// refund with restock gives its units back, so polling gives back what its sale took, once. A line of an order created
    /// before <paramref name="since"/> is returned only when it now holds fewer units than ordered.
    /// </summary>
    public IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        GetSalesCoreAsync($"updated_at:>='{Timestamp(since)}'", null, since, cancellationToken);

    /// <summary>
    /// The lines of <paramref name="sku"/> in orders created at or after <paramref name="since"/> (search <c>sku:'…' created_at:&gt;='…'</c>; the
    /// lines are also filtered here, since an order holds other SKUs too), as sale events under the same status rules. Used to account for the
    /// sales behind a stock level before comparing it with the catalog (<see cref="Catalog.Ledger.RemoteQuantityResolver"/>).
    /// </summary>
    public IAsyncEnumerable<SaleEvent> GetSalesOfSkuAsync(string sku, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var quoted = sku.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        return GetSalesCoreAsync($"sku:'{quoted}' created_at:>='{Timestamp(since)}'", sku, since, cancellationToken);
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<SaleEvent> GetSalesCoreAsync(string filter, string? sku, DateTimeOffset createdSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        while (true)
        {
            var after = cursor;
            var data = await ExecuteAsync("orders", ShopifyDocuments.OrdersPage, w =>
            {
                w.WriteNumber("first", OrdersPageSize);
                w.WriteString("after", after);
                w.WriteString("query", filter);
            }, cancellationToken);
            var connection = data.GetProperty("orders");
            foreach (var order in ShopifyProductReader.Nodes(connection))
            {
                foreach (var sale in OrderLines(order, sku))
                {
                    // An older order found because it changed is news only when it now holds less: one placed before the
                    // integration saw it (or before the window) must not take stock when it is merely fulfilled or edited.
                    if (sale.OccurredAt >= createdSince || sale.CommittedQuantity < sale.Quantity)
                    {
                        yield return sale;
                    }
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

    private static List<SaleEvent> OrderLines(JsonElement order, string? sku)
    {
        var orderId = ShopifyIds.Numeric(order.GetProperty("id").GetString()!);
        var createdAt = DateTimeOffset.Parse(order.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
        var released = ShopifyOrderStatus.ReleasedReason(
            order.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.True,
            order.OptionalString("cancelledAt") is not null,
            order.OptionalString("cancelReason"),
            order.OptionalString("displayFinancialStatus"),
            order.OptionalString("displayFulfillmentStatus"));
        var restocked = Restocked(order);
        var sales = new List<SaleEvent>();
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
            sales.Add(ShopifyOrderStatus.Apply(sale, released, restocked));
        }

        return sales;
    }

    // Units each line got back through refunds with restock, by numeric line item id.
    private static Dictionary<string, int> Restocked(JsonElement order)
    {
        var restocked = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!order.TryGetProperty("refunds", out var refunds) || refunds.ValueKind != JsonValueKind.Array)
        {
            return restocked;
        }

        foreach (var item in refunds.EnumerateArray().SelectMany(r => ShopifyProductReader.Nodes(r.GetProperty("refundLineItems"))))
        {
            if (ShopifyOrderStatus.Restocks(item.OptionalString("restockType")))
            {
                var lineId = ShopifyIds.Numeric(item.GetProperty("lineItem").GetProperty("id").GetString()!);
                restocked[lineId] = restocked.GetValueOrDefault(lineId) + item.GetProperty("quantity").GetInt32();
            }
        }

        return restocked;
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
