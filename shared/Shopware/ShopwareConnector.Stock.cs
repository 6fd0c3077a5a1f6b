using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>One SKU's new stock for <see cref="ShopwareConnector.SetQuantitiesAsync"/>.</summary>
public sealed record ShopwareStockUpdate(string Sku, int Quantity);

/// <summary>One SKU's new gross price (catalog currency = the configured one) for <see cref="ShopwareConnector.SetPricesAsync"/>.</summary>
public sealed record ShopwarePriceUpdate(string Sku, decimal Gross);

/// <summary>What a batch did: SKUs written (with their product ids), and per refused SKU Shopware's error (or why it was not sent).</summary>
public sealed record ShopwareBatchResult(IReadOnlyDictionary<string, string> Written, IReadOnlyDictionary<string, string> Failed);

public sealed partial class ShopwareConnector
{
    private const string NoSuchProduct = "Shopware has no product with this number.";

    /// <summary>
    /// Writes many stock levels through <c>_action/sync</c>, <see cref="ShopwareClientOptions.SyncBatchSize"/> rows per
    /// request (ids of unknown SKUs looked up by <c>equalsAny</c> on the product number first; SKUs Shopware does not
    /// have are reported, not created). One bad row never holds back the others (see <see cref="SyncRowsAsync"/>).
    /// Transient failures (429 after retries, 5xx) are thrown.
    /// </summary>
    public async Task<ShopwareBatchResult> SetQuantitiesAsync(IReadOnlyList<ShopwareStockUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        Require(ShopwareRolloutMode.StockOnly, "stock writes");
        return await WriteKnownAsync("write-stock", [.. updates.Select(u => u.Sku)],
            (id, i) => new JsonObject { ["id"] = id, ["stock"] = Math.Max(0, updates[i].Quantity) }, cancellationToken);
    }

    /// <summary>Rows for SKUs Shopware has (ids looked up by product number first), written in batches; unknown SKUs are reported.</summary>
    private async Task<ShopwareBatchResult> WriteKnownAsync(string key, IReadOnlyList<string> skus, Func<string, int, JsonObject> row, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in Enumerable.Range(0, skus.Count).Chunk(Options.SyncBatchSize))
        {
            await ResolveIdsAsync(chunk.Select(i => skus[i]).Where(s => !_ids.ContainsKey(s)).Distinct().ToList(), cancellationToken);
            var rows = new List<(string Sku, JsonObject Row)>(chunk.Length);
            foreach (var i in chunk)
            {
                if (_ids.TryGetValue(skus[i], out var id))
                {
                    rows.Add((skus[i], row(id, i)));
                }
                else
                {
                    failed[skus[i]] = NoSuchProduct;
                }
            }

            await SyncRowsAsync(key, rows, written, failed, cancellationToken);
        }

        return new ShopwareBatchResult(written, failed);
    }

    /// <summary>
    /// Writes many prices (gross, net by the configured tax rate) through <c>_action/sync</c> batches like
    /// <see cref="SetQuantitiesAsync"/>. Full mode only.
    /// </summary>
    public async Task<ShopwareBatchResult> SetPricesAsync(IReadOnlyList<ShopwarePriceUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        Require(ShopwareRolloutMode.Full, "price writes");
        return await WriteKnownAsync("write-price", [.. updates.Select(u => u.Sku)],
            (id, i) => new JsonObject { ["id"] = id, ["price"] = ShopwareProductMapper.Price(updates[i].Gross, Options) }, cancellationToken);
    }

    /// <summary>
    /// Sends the rows as one upsert operation. Shopware refuses the whole request for one bad row; the rows its error
    /// pointers name are taken out with their error and the rest is sent again.
    /// </summary>
    private async Task SyncRowsAsync(string key, List<(string Sku, JsonObject Row)> rows, Dictionary<string, string> written, Dictionary<string, string> failed,
        CancellationToken cancellationToken)
    {
        while (rows.Count > 0)
        {
            try
            {
                await client.SyncAsync([ShopwareSyncOperation.Upsert(key, "product", [.. rows.Select(r => r.Row)])], cancellationToken);
                foreach (var (sku, row) in rows)
                {
                    written[sku] = row["id"]!.GetValue<string>();
                }

                return;
            }
            catch (ShopwareValidationException ex) when (RefusedRows(ex, key, rows.Count) is { Count: > 0 } refused)
            {
                foreach (var (index, error) in refused)
                {
                    failed[rows[index].Sku] = error;
                    LogRefused(_logger, rows[index].Sku, key, error);
                    _ids.TryRemove(rows[index].Sku, out _);
                }

                rows = [.. rows.Where((_, i) => !refused.ContainsKey(i))];
            }
        }
    }

    private static Dictionary<int, string> RefusedRows(ShopwareValidationException ex, string key, int count)
    {
        var refused = new Dictionary<int, string>();
        foreach (var error in ex.Errors)
        {
            if (error.SyncTarget is var (target, index) && target == key && index >= 0 && index < count)
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
