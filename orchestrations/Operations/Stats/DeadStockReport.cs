using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Stats;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>One platform's stats in the dead-stock list.</summary>
public sealed record DeadStockPlatform(Platform Platform, int? Views, int? Watches, DateTimeOffset PulledAt);

/// <summary>An active product in stock with no sale for the period and few views: its last sale (null: never), its total views and each platform's stats.</summary>
public sealed record DeadStockItem(string Sku, string Title, int Quantity, DateTimeOffset CreatedAt, DateTimeOffset? LastSaleAt, int Views, int Watches,
    IReadOnlyList<DeadStockPlatform> Platforms);

/// <summary>
/// The dead-stock list: active products in stock, in the catalog for at least <c>days</c>, with no sale on any platform in
/// the last <c>days</c> and at most <c>maxViews</c> views over all platforms (the last pulled stats; a product without
/// stats counts 0), fewest views first. Reads the catalog, the ledger's sales and the stats table.
/// </summary>
public sealed class DeadStockReport(ProductCatalog catalog, InventoryLedger ledger, ListingStatsStore stats, TimeProvider time)
{
    public async Task<IReadOnlyList<DeadStockItem>> ListAsync(int days, int maxViews, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow().AddDays(-days);
        var lastSale = (await ledger.WhereSoldAsync(cancellationToken: cancellationToken))
            .GroupBy(r => r.Sku, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.LastSaleAt), StringComparer.Ordinal);
        var bySku = new Dictionary<string, List<ListingStats>>(StringComparer.Ordinal);
        await foreach (var row in stats.ListAsync(cancellationToken: cancellationToken))
        {
            (bySku.TryGetValue(row.Sku, out var list) ? list : bySku[row.Sku] = []).Add(row);
        }

        var items = new List<DeadStockItem>();
        await foreach (var product in catalog.ListAllAsync(cancellationToken))
        {
            var sold = lastSale.GetValueOrDefault(product.Sku);
            var platforms = bySku.GetValueOrDefault(product.Sku) ?? [];
            var views = platforms.Sum(p => p.Views ?? 0);
            if (product.Status == ProductStatus.Active && product.Quantity > 0 && product.CreatedAt <= since && (sold is null || sold < since) && views <= maxViews)
            {
                items.Add(new DeadStockItem(product.Sku, product.Title, product.Quantity, product.CreatedAt, sold, views, platforms.Sum(p => p.Watches ?? 0),
                    [.. platforms.Select(p => new DeadStockPlatform(p.Platform, p.Views, p.Watches, p.PulledAt))]));
            }
        }

        return [.. items.OrderBy(i => i.Views).ThenBy(i => i.Sku, StringComparer.Ordinal)];
    }
}
