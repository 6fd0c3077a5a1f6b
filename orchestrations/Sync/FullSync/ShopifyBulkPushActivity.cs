using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>
/// The Shopify bulk path of a full sync: a page's Shopify creates/updates as one bulk <c>productSet</c> import
/// (JSONL upload, bulk mutation, streamed result) instead of one throttled mutation per product. Lines upsert by
/// SKU, so a repeated page never duplicates products. Each SKU's outcome is recorded on its listing, and a failed
/// import as a failed attempt on every SKU's listing (the workflow then retries the activity). Input: the SKUs;
/// output: one outcome per SKU.
/// </summary>
public sealed class ShopifyBulkPushActivity(IServiceProvider services, ProductCatalog catalog, ListingStore listings, CategoryMap categories, SyncOptions options,
    QuantityRuleStore quantityRules)
    : TaskActivity<IReadOnlyList<string>, IReadOnlyList<BulkOutcome>>
{
    /// <summary>True when <paramref name="services"/> has a <see cref="ShopifyClient"/> (otherwise full syncs take the per-item path).</summary>
    public static bool IsAvailable(IServiceProvider services) => services.GetService<ShopifyClient>() is not null;

    public override async Task<IReadOnlyList<BulkOutcome>> RunAsync(TaskActivityContext context, IReadOnlyList<string> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var skus = input;
        var client = services.GetRequiredService<ShopifyClient>();
        var products = new Product?[skus.Count];
        var existing = new Listing?[skus.Count];
        await ReadSyncPageActivity.ForEachAsync(skus.Count, async (i, ct) =>
        {
            products[i] = await catalog.GetAsync(skus[i], ct);
            existing[i] = await listings.GetAsync(skus[i], Platform.Shopify, ct);
        }, CancellationToken.None);
        var rule = await quantityRules.GetAsync(Platform.Shopify);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var drafts = new List<ListingDraft>();
        for (var i = 0; i < skus.Count; i++)
        {
            if (products[i] is { } product)
            {
                index[product.Sku] = i;
                drafts.Add(ListingDraftMapper.ToDraft(product, Platform.Shopify, categories,
                    image => options.ImageBaseUrl is { } baseUrl ? new Uri(baseUrl, image.Blob).ToString()
                        : throw new InvalidOperationException("Sync:ImageBaseUrl is not configured: product images cannot be given to the platforms as public URLs."), rule));
            }
        }

        var actor = new CatalogActor("sync", context.InstanceId);
        var results = new List<ShopifyBulkImportResult>();
        try
        {
            await foreach (var result in client.ImportProductsAsync(drafts.ToAsyncEnumerable()))
            {
                results.Add(result);
            }

            await AssignDeliveryProfilesAsync(client, drafts, results);
        }
        catch (Exception ex)
        {
            // The whole import failed (throttled, server error, lost response): every SKU's listing records the failed
            // attempt before the workflow retries the activity, as on the per-item path.
            var failed = index.Values.ToList();
            await ReadSyncPageActivity.ForEachAsync(failed.Count, async (f, ct) =>
            {
                var i = failed[f];
                await listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = skus[i], Platform = Platform.Shopify, Operation = existing[i]?.ExternalId is null ? "create" : "update", Succeeded = false,
                    Version = products[i]!.Version, Error = $"bulk import: {ex.GetType().Name}: {ex.Message}",
                }, actor, ct);
            }, CancellationToken.None);
            if (PlatformRejectedException.From(ex) is { } rejected)
            {
                throw rejected;
            }

            throw;
        }

        // The attempts are recorded several at once (each is its own product's transaction), not one after the other.
        var outcomes = new BulkOutcome[results.Count];
        await ReadSyncPageActivity.ForEachAsync(results.Count, async (r, ct) =>
        {
            var result = results[r];
            var i = index[result.Sku];
            var error = result.Succeeded ? null : string.Join("; ", result.UserErrors.Select(e => e.ToString()));
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = result.Sku, Platform = Platform.Shopify, Operation = existing[i]?.ExternalId is null ? "create" : "update", Succeeded = result.Succeeded,
                Version = products[i]!.Version, Error = error, ExternalId = result.Product?.ProductId,
                RemoteStatus = result.Product is { } p ? (p.Status == "ARCHIVED" ? "ENDED" : p.Status) : null,
            }, actor, ct);
            outcomes[r] = new BulkOutcome(result.Sku, result.Succeeded, error);
        }, CancellationToken.None);

        return outcomes;
    }

    // productSet has no delivery profile: the variants written are moved into their configured profile, a few calls per
    // page (one per profile). A failure fails the page like a failed import; the retry re-imports (upsert by SKU) and assigns again.
    private static async Task AssignDeliveryProfilesAsync(ShopifyClient client, IReadOnlyList<ListingDraft> drafts, IReadOnlyList<ShopifyBulkImportResult> results)
    {
        var variants = results.Where(r => r.Succeeded && r.Product?.VariantId is not null).ToDictionary(r => r.Sku, r => r.Product!.VariantId!, StringComparer.Ordinal);
        foreach (var profile in drafts.Where(d => ShopifyClient.DeliveryProfileGid(d.ShippingProfileId) is not null && variants.ContainsKey(d.Sku))
            .GroupBy(d => ShopifyClient.DeliveryProfileGid(d.ShippingProfileId)!))
        {
            foreach (var chunk in profile.Select(d => variants[d.Sku]).Chunk(250))
            {
                await client.AssignDeliveryProfileAsync(profile.Key, chunk);
            }
        }
    }
}

/// <summary>One SKU's outcome in a bulk push.</summary>
public sealed record BulkOutcome(string Sku, bool Succeeded, string? Error);
