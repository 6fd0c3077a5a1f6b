using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>Reads the catalog page by page and decides, per product and platform, what a push sync changes.</summary>
public sealed class FullSyncActivities(ProductCatalog catalog, ListingStore listings)
{
    /// <summary>Catalog reads an activity keeps in flight at once.</summary>
    internal const int ReadParallelism = 16;

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
            var skus = request.Skus.Skip(start).Take(size).ToList();
            var read = new Product?[skus.Count];
            await ForEachAsync(skus.Count, async (i, ct) => read[i] = await catalog.GetAsync(skus[i], ct), cancellationToken);
            products = [.. read.OfType<Product>()];
            next = start + size < request.Skus.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        else
        {
            var result = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: page.Cursor, PageSize: size), cancellationToken);
            products = result.Items;
            next = result.NextCursor;
        }

        // Point reads, several at once: a partition query per product is a scan of the whole table on Azurite, which
        // made every page slower than the one before (the table grows with each page's listings and audit rows).
        var platforms = page.Platforms;
        var found = new Listing?[products.Count * platforms.Count];
        await ForEachAsync(found.Length, async (i, ct) =>
            found[i] = await listings.GetAsync(products[i / platforms.Count].Sku, platforms[i % platforms.Count], ct), cancellationToken);
        var changes = new List<SyncChange>();
        for (var p = 0; p < products.Count; p++)
        {
            var product = products[p];
            for (var q = 0; q < platforms.Count; q++)
            {
                var platform = platforms[q];
                var listing = found[(p * platforms.Count) + q];
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

    /// <summary>Runs <paramref name="body"/> for 0..count-1 with at most <see cref="ReadParallelism"/> at once.</summary>
    internal static Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken }, body);
}
