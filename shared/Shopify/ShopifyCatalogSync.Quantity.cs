using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyCatalogSync
{
    /// <summary>
    /// How far back Shopify's sales are looked for when a quantity is compared (never before the product entered the
    /// catalog: earlier sales are in its initial quantity). Default two days, as long as Shopify retries a webhook.
    /// </summary>
    public TimeSpan SalesLookback { get; init; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Stages an available quantity reported by Shopify (inventory level webhooks), sales first (see
    /// <see cref="Catalog.Ledger.RemoteQuantityGate"/>): the SKU's Shopify sales of the look-back window are read through
    /// <paramref name="salesOf"/> (<c>client.GetSalesOfSkuAsync</c>) after the quantity was read (call this right after
    /// reading it), those not in the ledger yet are added back and returned in <see cref="ShopifyStageOutcome.Quantity"/>
    /// (start their sale orchestrations), and only the difference that remains is staged. An echo of our own push stages
    /// nothing. Safe to repeat: the ledger decides what is counted.
    /// </summary>
    public async Task<ShopifyStageOutcome> StageQuantityAsync(string sku, int available, Func<string, DateTimeOffset, CancellationToken, IAsyncEnumerable<SaleEvent>> salesOf,
        string reason, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        ArgumentNullException.ThrowIfNull(salesOf);
        if (await catalog.GetAsync(sku, cancellationToken) is not { } current)
        {
            return new ShopifyStageOutcome(sku, null, $"SKU '{sku}' is not in the catalog");
        }

        var incoming = new JsonObject { [ProductFields.Quantity] = Math.Max(0, available) };
        var resolution = await quantities.ApplyAsync(Platform.Shopify, current, incoming, new RecentSales((since, ct) => salesOf(sku, since, ct), SalesLookback, time), cancellationToken);
        var result = incoming.Count == 0 || resolution is null
            ? new StageResult(null, null)
            : await changeSets.StageAsync(new StageRequest(sku, incoming, Platform.Shopify, reason), actor, cancellationToken);
        return new ShopifyStageOutcome(sku, result, null) { Quantity = resolution };
    }
}
