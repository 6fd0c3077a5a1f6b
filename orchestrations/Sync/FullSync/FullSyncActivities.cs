using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>Reads the catalog page by page and decides, per product and platform, what a push sync changes.</summary>
public sealed class FullSyncActivities(ProductCatalog catalog, ListingStore listings)
{
    /// <summary>How many products the sync covers (ACTIVE products, or the selected SKUs).</summary>
    public async Task<int> CountAsync(TaskActivityContext context, FullSyncRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == SyncScope.Selective)
        {
            return request.Skus.Count;
        }

        var total = 0;
        string? cursor = null;
        do
        {
            var page = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: cursor, PageSize: ProductCatalog.MaxPageSize), cancellationToken);
            total += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return total;
    }

    /// <summary>One page of products after the cursor and the listing changes they need on the sync's platforms.</summary>
    public async Task<SyncPage> ReadPageAsync(TaskActivityContext context, SyncPageRequest? page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var request = page.Request;
        var size = Math.Clamp(request.BatchSize, 1, ProductCatalog.MaxPageSize);
        IReadOnlyList<Product> products;
        string? next;
        if (request.Scope == SyncScope.Selective)
        {
            var start = page.Cursor is null ? 0 : int.Parse(page.Cursor, System.Globalization.CultureInfo.InvariantCulture);
            var found = new List<Product>();
            foreach (var sku in request.Skus.Skip(start).Take(size))
            {
                if (await catalog.GetAsync(sku, cancellationToken) is { } product)
                {
                    found.Add(product);
                }
            }

            products = found;
            next = start + size < request.Skus.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        else
        {
            var result = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: page.Cursor, PageSize: size), cancellationToken);
            products = result.Items;
            next = result.NextCursor;
        }

        var changes = new List<SyncChange>();
        foreach (var product in products)
        {
            var existing = (await listings.ListAsync(product.Sku, cancellationToken)).ToDictionary(l => l.Platform);
            foreach (var platform in page.Platforms)
            {
                existing.TryGetValue(platform, out var listing);
                var action = listing is null || listing.ExternalId is null
                    ? request.Scope == SyncScope.Incremental ? null : "create"
                    : listing.Status is ListingStatus.Ended or ListingStatus.Removed or ListingStatus.Archived or ListingStatus.Sold ? null
                    : (listing.LastPushedVersion ?? 0) < product.Version ? "update" : null;
                if (action is not null)
                {
                    changes.Add(new SyncChange(product.Sku, platform, action));
                }
            }
        }

        return new SyncPage(changes, products.Count, next);
    }
}
