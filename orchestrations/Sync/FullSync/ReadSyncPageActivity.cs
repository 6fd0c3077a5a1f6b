using System.Globalization;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>One page of products after the cursor and the listing changes they need on the sync's platforms. Reads only.</summary>
public sealed class ReadSyncPageActivity(ProductCatalog catalog, ListingStore listings) : TaskActivity<SyncPageRequest, SyncPage>
{
    /// <summary>Catalog reads an activity keeps in flight at once.</summary>
    internal const int ReadParallelism = 16;

    public override async Task<SyncPage> RunAsync(TaskActivityContext context, SyncPageRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = input;
        var request = page.Request;
        var size = Math.Clamp(request.BatchSize, 1, ProductCatalog.MaxPageSize);
        IReadOnlyList<Product> products;
        string? next;
        if (request.Scope == SyncScope.Selective)
        {
            var start = page.Cursor is null ? 0 : int.Parse(page.Cursor, CultureInfo.InvariantCulture);
            var skus = request.Skus.Skip(start).Take(size).ToList();
            var read = new Product?[skus.Count];
            await ForEachAsync(skus.Count, async (i, ct) => read[i] = await catalog.GetAsync(skus[i], ct), CancellationToken.None);
            products = [.. read.OfType<Product>()];
            next = start + size < request.Skus.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
        }
        else
        {
            var result = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: page.Cursor, PageSize: size));
            products = result.Items;
            next = result.NextCursor;
        }

        // Point reads, several at once: a partition query per product is a scan of the whole table on Azurite, which
        // made every page slower than the one before (the table grows with each page's listings and audit rows).
        var platforms = page.Platforms;
        var found = new Listing?[products.Count * platforms.Count];
        await ForEachAsync(found.Length, async (i, ct) =>
            found[i] = await listings.GetAsync(products[i / platforms.Count].Sku, platforms[i % platforms.Count], ct), CancellationToken.None);
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
