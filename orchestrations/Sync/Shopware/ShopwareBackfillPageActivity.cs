using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Shopware;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync.Shopware;

/// <summary>
/// One backfill page: the next ACTIVE products after the cursor, upserted to Shopware in one batch
/// (<see cref="ShopwareConnector.UpsertListingsAsync"/>), each outcome recorded on the product's Shopware listing. Safe to
/// repeat: the same products get the same Shopware ids. Products refused by Shopware are reported, not retried; a
/// transient failure fails the activity for the workflow's retry.
/// </summary>
public sealed class ShopwareBackfillPageActivity(IServiceProvider services, ProductCatalog catalog, ListingStore listings, CategoryMap categories, SyncOptions options)
    : TaskActivity<ShopwareBackfillPageRequest, ShopwareBackfillPage>
{
    public override async Task<ShopwareBackfillPage> RunAsync(TaskActivityContext context, ShopwareBackfillPageRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var connector = services.GetService<ShopwareConnector>() ?? throw new InvalidOperationException("Shopware is not configured (section Shopware).");
        var page = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: input.Cursor, PageSize: Math.Clamp(input.BatchSize, 1, ProductCatalog.MaxPageSize)));
        var drafts = page.Items.Select(p => ListingDraftMapper.ToDraft(p, Platform.Shopware, categories, ImageUrl)).ToList();
        var result = await connector.UpsertListingsAsync(drafts);
        var actor = new CatalogActor("sync", context.InstanceId);
        await ForEachAsync(page.Items, async (product, ct) =>
        {
            var written = result.Written.TryGetValue(product.Sku, out var id);
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = product.Sku, Platform = Platform.Shopware, Operation = "create", Succeeded = written, Version = written ? product.Version : null,
                ExternalId = written ? id : null, RemoteStatus = written ? "ACTIVE" : null, Error = result.Failed.GetValueOrDefault(product.Sku),
            }, actor, ct);
        });
        return new ShopwareBackfillPage([.. result.Written.Keys], [.. result.Failed.Select(f => $"{f.Key}: {f.Value}")], page.NextCursor);
    }

    private static Task ForEachAsync(IReadOnlyList<Product> products, Func<Product, CancellationToken, ValueTask> body) =>
        FullSync.ReadSyncPageActivity.ForEachAsync(products.Count, (i, ct) => body(products[i], ct), CancellationToken.None);

    private string ImageUrl(ImageRef image) => options.ImageBaseUrl is { } baseUrl
        ? new Uri(baseUrl, image.Blob).ToString()
        : throw new InvalidOperationException("Sync:ImageBaseUrl is not configured: product images cannot be given to the platforms as public URLs.");
}
