using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>
/// The Shopify bulk path of a full sync: a page's Shopify creates/updates as one bulk <c>productSet</c> import
/// (JSONL upload, bulk mutation, streamed result) instead of one throttled mutation per product. Lines upsert by
/// SKU, so a repeated page never duplicates products. Each SKU's outcome is recorded on its listing.
/// </summary>
public sealed class ShopifyBulkPush(IServiceProvider services, ProductCatalog catalog, ListingStore listings, CategoryMap categories, SyncOptions options)
{
    /// <summary>True when a <see cref="ShopifyClient"/> is registered (otherwise the per-item path is used).</summary>
    public bool IsAvailable => services.GetService<ShopifyClient>() is not null;

    /// <summary>Pushes the SKUs' current versions to Shopify in one bulk import; returns one outcome per SKU.</summary>
    public async Task<IReadOnlyList<BulkOutcome>> PushAsync(TaskActivityContext context, IReadOnlyList<string>? skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(skus);
        var client = services.GetRequiredService<ShopifyClient>();
        var products = new Dictionary<string, Product>(StringComparer.Ordinal);
        var drafts = new List<ListingDraft>();
        foreach (var sku in skus)
        {
            if (await catalog.GetAsync(sku, cancellationToken) is { } product)
            {
                products[sku] = product;
                drafts.Add(ListingDraftMapper.ToDraft(product, Platform.Shopify, categories,
                    image => options.ImageBaseUrl is { } baseUrl ? new Uri(baseUrl, image.Blob).ToString()
                        : throw new InvalidOperationException("Sync:ImageBaseUrl is not configured: product images cannot be given to the platforms as public URLs.")));
            }
        }

        var actor = new CatalogActor("sync", context.InstanceId);
        var outcomes = new List<BulkOutcome>();
        await foreach (var result in client.ImportProductsAsync(drafts.ToAsyncEnumerable(), cancellationToken: cancellationToken))
        {
            var product = products[result.Sku];
            var error = result.Succeeded ? null : string.Join("; ", result.UserErrors.Select(e => e.ToString()));
            var existing = await listings.GetAsync(result.Sku, Platform.Shopify, cancellationToken);
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = result.Sku, Platform = Platform.Shopify, Operation = existing?.ExternalId is null ? "create" : "update", Succeeded = result.Succeeded,
                Version = product.Version, Error = error, ExternalId = result.Product?.ProductId,
                RemoteStatus = result.Product is { } p ? (p.Status == "ARCHIVED" ? "ENDED" : p.Status) : null,
            }, actor, cancellationToken);
            outcomes.Add(new BulkOutcome(result.Sku, result.Succeeded, error));
        }

        return outcomes;
    }
}

/// <summary>One SKU's outcome in a bulk push.</summary>
public sealed record BulkOutcome(string Sku, bool Succeeded, string? Error);
