using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

public sealed partial class ShopwareConnector
{
    /// <inheritdoc />
    /// <remarks>Full mode writes the products (<see cref="UpsertListingsAsync(IReadOnlyList{ListingDraft}, CancellationToken)"/>); stock-only mode the stock of the products Shopware has.</remarks>
    async Task<IReadOnlyList<BatchItemResult>> IMarketplaceBatchConnector.UpsertListingsAsync(IReadOnlyList<ListingDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        Require(ShopwareRolloutMode.StockOnly, "product writes");
        var result = Options.Mode == ShopwareRolloutMode.StockOnly
            ? await SetQuantitiesAsync([.. drafts.Select(d => new ShopwareStockUpdate(d.Sku, d.Quantity))], cancellationToken)
            : await UpsertListingsAsync(drafts, cancellationToken);
        return [.. drafts.Select(d => result.Written.TryGetValue(d.Sku, out var id)
            ? new BatchItemResult(d.Sku, Reference(id, d), null)
            : new BatchItemResult(d.Sku, null, Options.Mode == ShopwareRolloutMode.StockOnly
                ? $"Shopware rollout mode {Options.Mode} does not create products ({result.Failed.GetValueOrDefault(d.Sku)})"
                : result.Failed.GetValueOrDefault(d.Sku) ?? "not written"))];
    }

    /// <inheritdoc />
    async Task<IReadOnlyDictionary<string, ListingReference>> IMarketplaceBatchConnector.FindListingsAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        Require(ShopwareRolloutMode.SearchOnly, "product search");
        var found = new Dictionary<string, ListingReference>(StringComparer.Ordinal);
        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(Options.PageSize))
        {
            var criteria = new ShopwareCriteria
            {
                Limit = Options.PageSize, Filter = [ShopwareFilter.EqualsAny("productNumber", chunk)],
                Includes = new Dictionary<string, IReadOnlyList<string>> { ["product"] = ["id", "productNumber", "active", "stock"] },
            };
            await foreach (var product in client.SearchAllProductsAsync(criteria, cancellationToken))
            {
                if (product.ProductNumber is { } number)
                {
                    _ids[number] = product.Id;
                    found[number] = ShopwareProductMapper.ToReference(product, Options.BaseUrl);
                }
            }
        }

        return found;
    }

    /// <inheritdoc />
    /// <remarks>Stock 0 (and inactive as <see cref="EndListingAsync(string, string, CancellationToken)"/>) in <c>_action/sync</c> batches; a SKU Shopware does not have is already ended.</remarks>
    async Task<IReadOnlyList<BatchItemResult>> IMarketplaceBatchConnector.EndListingsAsync(IReadOnlyList<string> skus, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        Require(ShopwareRolloutMode.StockOnly, "stock writes");
        var deactivate = Options.EndMode == ShopwareEndMode.Deactivate && Options.Mode == ShopwareRolloutMode.Full;
        var result = await WriteKnownAsync("end-product", skus, (id, _) =>
        {
            var row = new JsonObject { ["id"] = id, ["stock"] = 0 };
            if (deactivate)
            {
                row["active"] = false;
            }

            return row;
        }, cancellationToken);
        return [.. skus.Select(sku => result.Written.TryGetValue(sku, out var id)
            ? new BatchItemResult(sku, ShopwareProductMapper.ToReference(new ShopwareProduct { Id = id, ProductNumber = sku, Active = !deactivate, Stock = 0 }, Options.BaseUrl), null)
            : new BatchItemResult(sku, null, result.Failed.GetValueOrDefault(sku) is { } error && error != NoSuchProduct ? error : null))];
    }
}
