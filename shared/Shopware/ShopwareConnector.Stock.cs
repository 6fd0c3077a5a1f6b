using System.Text.Json.Nodes;

namespace Marketplace.Shared.Shopware;

/// <summary>One SKU's new stock for <see cref="ShopwareConnector.SetQuantitiesAsync"/>.</summary>
public sealed record ShopwareStockUpdate(string Sku, int Quantity);

/// <summary>What a stock batch did: SKUs written, and per refused SKU Shopware's error (or why it was not sent).</summary>
public sealed record ShopwareStockResult(IReadOnlyList<string> Written, IReadOnlyDictionary<string, string> Failed);

public sealed partial class ShopwareConnector
{
    /// <summary>
    /// Writes many stock levels through <c>_action/sync</c>, <see cref="ShopwareClientOptions.SyncBatchSize"/> rows per
    /// request (ids of unknown SKUs looked up by <c>equalsAny</c> on the product number first). Shopware refuses a whole
    /// request for one bad row; the rows its error pointers name are taken out with their error and the rest is sent
    /// again, so one bad SKU never holds back the others. Transient failures (429 after retries, 5xx) are thrown.
    /// </summary>
    public async Task<ShopwareStockResult> SetQuantitiesAsync(IReadOnlyList<ShopwareStockUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        Require(ShopwareRolloutMode.StockOnly, "stock writes");
        var written = new List<string>(updates.Count);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in updates.Chunk(Options.SyncBatchSize))
        {
            await ResolveIdsAsync(chunk.Select(u => u.Sku).Where(s => !_ids.ContainsKey(s)).Distinct().ToList(), cancellationToken);
            var batch = new List<ShopwareStockUpdate>(chunk.Length);
            foreach (var update in chunk)
            {
                if (_ids.ContainsKey(update.Sku))
                {
                    batch.Add(update);
                }
                else
                {
                    failed[update.Sku] = "Shopware has no product with this number.";
                }
            }

            while (batch.Count > 0)
            {
                var rows = batch.Select(u => new JsonObject { ["id"] = _ids[u.Sku], ["stock"] = Math.Max(0, u.Quantity) }).ToList();
                try
                {
                    await client.SyncAsync([ShopwareSyncOperation.Upsert("write-stock", "product", rows)], cancellationToken);
                    written.AddRange(batch.Select(u => u.Sku));
                    break;
                }
                catch (ShopwareValidationException ex) when (RefusedRows(ex, batch.Count) is { Count: > 0 } refused)
                {
                    foreach (var (index, error) in refused)
                    {
                        failed[batch[index].Sku] = error;
                        _ids.TryRemove(batch[index].Sku, out _);
                    }

                    batch = [.. batch.Where((_, i) => !refused.ContainsKey(i))];
                }
            }
        }

        return new ShopwareStockResult(written, failed);
    }

    private static Dictionary<int, string> RefusedRows(ShopwareValidationException ex, int count)
    {
        var refused = new Dictionary<int, string>();
        foreach (var error in ex.Errors)
        {
            if (error.SyncTarget is ("write-stock", var index) && index >= 0 && index < count)
            {
                refused[index] = refused.TryGetValue(index, out var earlier) ? $"{earlier}; {error}" : error.ToString();
            }
        }

        return refused;
    }

    private async Task ResolveIdsAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        foreach (var chunk in skus.Chunk(Options.PageSize))
        {
            var criteria = new ShopwareCriteria
            {
                Limit = Options.PageSize, Filter = [ShopwareFilter.EqualsAny("productNumber", chunk)],
                Includes = new Dictionary<string, IReadOnlyList<string>> { ["product"] = ["id", "productNumber"] },
            };
            await foreach (var product in client.SearchAllProductsAsync(criteria, cancellationToken))
            {
                if (product.ProductNumber is { } number)
                {
                    _ids[number] = product.Id;
                }
            }
        }
    }
}
