using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

public sealed partial class ShopwareConnector
{
    /// <summary>
    /// Creates or updates many products (<see cref="ShopwareProductMapper.ToProduct"/>) through <c>_action/sync</c> in batches;
    /// a product Shopware already has under the SKU keeps its id, a new one gets the id derived from the SKU, so a
    /// repeated or resumed batch writes the same rows again. The category path is found or created first
    /// (<see cref="ShopwareCategories"/>). After the write, what the catalog no longer has is unlinked (images removed,
    /// another category), and images the product did not have yet are fetched by URL. Full mode only.
    /// </summary>
    public async Task<ShopwareBatchResult> UpsertListingsAsync(IReadOnlyList<ListingDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        Require(ShopwareRolloutMode.Full, "product writes");
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in drafts.Chunk(Options.SyncBatchSize))
        {
            var existing = await LoadProductsAsync([.. chunk.Select(d => d.Sku).Distinct()], cancellationToken);
            var categories = new Dictionary<string, string?>(StringComparer.Ordinal);
            var rows = new List<(string Sku, JsonObject Row)>(chunk.Length);
            foreach (var draft in chunk)
            {
                var category = categories[draft.Sku] = await _categories.ResolveAsync(draft.CategoryId, cancellationToken);
                var id = existing.GetValueOrDefault(draft.Sku)?.Id ?? ShopwareProductMapper.ProductId(draft.Sku);
                rows.Add((draft.Sku, ShopwareProductMapper.ToProduct(draft, id, Options, category)));
            }

            await SyncRowsAsync("write-product", rows, written, failed, cancellationToken);
            var done = chunk.Where(d => written.ContainsKey(d.Sku)).ToList();
            foreach (var draft in done)
            {
                _ids[draft.Sku] = written[draft.Sku];
            }

            await UnlinkStaleAsync(done, existing, categories, cancellationToken);
            foreach (var draft in done)
            {
                var had = existing.GetValueOrDefault(draft.Sku)?.Media?.Select(m => m.MediaId).ToHashSet(StringComparer.Ordinal) ?? [];
                foreach (var (mediaId, url) in ShopwareProductMapper.MediaUrls(draft).Where(m => !had.Contains(m.MediaId)))
                {
                    await client.UploadMediaFromUrlAsync(mediaId, url, cancellationToken);
                }
            }
        }

        return new ShopwareBatchResult(written, failed);
    }

    /// <summary>
    /// One <c>_action/sync</c> deleting the product_media rows of images the drafts no longer have (the media rows stay:
    /// another product may show the same image) and, where a draft names a category, the product's other category links.
    /// </summary>
    private async Task UnlinkStaleAsync(IReadOnlyList<ListingDraft> drafts, IReadOnlyDictionary<string, ShopwareProduct> existing,
        IReadOnlyDictionary<string, string?> categories, CancellationToken cancellationToken)
    {
        var media = new List<JsonObject>();
        var links = new List<JsonObject>();
        foreach (var draft in drafts)
        {
            if (!existing.TryGetValue(draft.Sku, out var product))
            {
                continue;
            }

            var keep = ShopwareProductMapper.ProductMediaIds(draft).ToHashSet(StringComparer.Ordinal);
            media.AddRange((product.Media ?? []).Where(m => !keep.Contains(m.Id)).Select(m => new JsonObject { ["id"] = m.Id }));
            if (categories.GetValueOrDefault(draft.Sku) is { } category)
            {
                links.AddRange((product.Categories ?? []).Where(c => c.Id != category)
                    .Select(c => new JsonObject { ["productId"] = product.Id, ["categoryId"] = c.Id }));
            }
        }

        var operations = new List<ShopwareSyncOperation>();
        if (media.Count > 0)
        {
            operations.Add(ShopwareSyncOperation.Delete("unlink-media", "product_media", media));
        }

        if (links.Count > 0)
        {
            operations.Add(ShopwareSyncOperation.Delete("unlink-category", "product_category", links));
        }

        if (operations.Count > 0)
        {
            await client.SyncAsync(operations, cancellationToken);
        }
    }

    /// <summary>The products Shopware has under these numbers, with their media and categories.</summary>
    private async Task<Dictionary<string, ShopwareProduct>> LoadProductsAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ShopwareProduct>(StringComparer.Ordinal);
        foreach (var chunk in skus.Chunk(Options.PageSize))
        {
            var criteria = new ShopwareCriteria
            {
                Limit = Options.PageSize, Filter = [ShopwareFilter.EqualsAny("productNumber", chunk)], Associations = ["media", "categories"],
            };
            await foreach (var product in client.SearchAllProductsAsync(criteria, cancellationToken))
            {
                if (product.ProductNumber is { } number)
                {
                    found[number] = product;
                    _ids[number] = product.Id;
                }
            }
        }

        return found;
    }

    private ListingReference Reference(string id, ListingDraft draft) =>
        ShopwareProductMapper.ToReference(new ShopwareProduct { Id = id, ProductNumber = draft.Sku, Active = draft.Publish, Stock = draft.Quantity }, Options.BaseUrl);
}
