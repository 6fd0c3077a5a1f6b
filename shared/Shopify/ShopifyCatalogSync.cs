using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>What staging one Shopify product did.</summary>
/// <param name="Sku">The product's SKU, null when it has none.</param>
/// <param name="Result">The change sets (applied at once / left for review), null when skipped.</param>
/// <param name="Skipped">Why nothing was staged (no SKU, not in the catalog), null when staged.</param>
public sealed record ShopifyStageOutcome(string? Sku, StageResult? Result, string? Skipped)
{
    /// <summary>How the reported quantity was read against the ledger (sales first, then drift); null when no quantity was compared.</summary>
    public RemoteQuantityResolution? Quantity { get; init; }

    /// <summary>True when the product changed nothing and needs no review.</summary>
    public bool Unchanged => Result is { Applied: null, Review: null };
}

/// <summary>Counts of a bulk export streamed into change sets.</summary>
public sealed record ShopifyExportSummary(int Products, int Applied, int Review, int Unchanged, int Skipped, string BatchId);

/// <summary>
/// Turns what Shopify reports into catalog change sets (<see cref="ChangeSetService.StageAsync"/>: the ownership and
/// auto-approval rules decide what applies at once and what waits for review). Staging compares with the listing's
/// last-seen Shopify state, so a redelivered webhook or a repeated export stages nothing new. A product deleted on
/// Shopify only marks its listing REMOVED (with an audit record); the catalog product stays. A quantity is compared
/// only through <see cref="RemoteQuantityGate"/>: Shopify's sales not yet in the ledger are accounted for first,
/// so a sale is never counted twice (once as its SALE, once as the lower stock level).
/// </summary>
public sealed partial class ShopifyCatalogSync(ProductCatalog catalog, ChangeSetService changeSets, ListingStore listings, RemoteQuantityGate quantities, TimeProvider? time = null)
{
    /// <summary>Stages the canonical fields of <paramref name="product"/> for its SKU and records its Shopify id on the listing.</summary>
    /// <param name="product">The product as Shopify shows it.</param>
    /// <param name="reason">Why (e.g. the webhook topic and id); kept on the change set.</param>
    /// <param name="includeQuantity">Stage the variant quantity too (a full pull).</param>
    /// <param name="batchId">Groups the change sets of one pull.</param>
    /// <param name="actor">Who stages.</param>
    /// <param name="refresh">
    /// Reads the product as Shopify shows it now by SKU (null: gone). Called only when <paramref name="product"/> differs
    /// from the catalog, so a late, out-of-order delivery stages today's values while the echoes of our own pushes
    /// (equal to the catalog) cost no API call.
    /// </param>
    /// <param name="sales">
    /// With <paramref name="includeQuantity"/>: the shop's recent sales, so the quantity is resolved sales first (see
    /// <see cref="RemoteQuantityResolver"/>); required then. The product counts as read when this method is called.
    /// </param>
    /// <param name="cancellationToken">Cancels the catalog calls.</param>
    /// <exception cref="ArgumentException"><paramref name="includeQuantity"/> without <paramref name="sales"/>.</exception>
    public async Task<ShopifyStageOutcome> StageProductAsync(ShopifyProduct product, string reason, bool includeQuantity, string? batchId, CatalogActor actor,
        Func<string, CancellationToken, Task<ShopifyProduct?>>? refresh = null, RecentSales? sales = null, CancellationToken cancellationToken = default)
    {
        if (includeQuantity && sales is null)
        {
            throw new ArgumentException("A quantity can only be staged with the shop's recent sales (sales first, then drift).", nameof(sales));
        }


        ArgumentNullException.ThrowIfNull(product);
        var sku = ShopifyCatalogMapper.SkuOf(product);
        if (sku is null)
        {
            return new ShopifyStageOutcome(null, null, $"Shopify product {product.Id} has no SKU");
        }

        var current = await catalog.GetAsync(sku, cancellationToken);
        if (current is null)
        {
            return new ShopifyStageOutcome(sku, null, $"SKU '{sku}' of Shopify product {product.Id} is not in the catalog");
        }

        var incoming = ShopifyCatalogMapper.ToIncoming(product, current, includeQuantity);
        if (refresh is not null && !SameAsCatalog(incoming, current))
        {
            if (await refresh(sku, cancellationToken) is not { } fresh)
            {
                return new ShopifyStageOutcome(sku, null, $"Shopify product {product.Id} is gone");
            }

            product = fresh;
            incoming = ShopifyCatalogMapper.ToIncoming(product, current, includeQuantity);
        }

        var listing = await listings.GetAsync(sku, Platform.Shopify, cancellationToken);
        if (listing?.ExternalId != product.Id)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = Platform.Shopify, Operation = "read", Succeeded = true, ExternalId = product.Id,
                RemoteStatus = ShopifyListingReader.StatusOf(product.Status),
            }, actor, cancellationToken);
        }

        var resolution = includeQuantity ? await quantities.ApplyAsync(Platform.Shopify, current, incoming, sales, cancellationToken) : null;

        var result = incoming.Count == 0
            ? new StageResult(null, null)
            : await changeSets.StageAsync(new StageRequest(sku, incoming, Platform.Shopify, reason, batchId), actor, cancellationToken);
        return new ShopifyStageOutcome(sku, result, null) { Quantity = resolution };
    }

    private static bool SameAsCatalog(System.Text.Json.Nodes.JsonObject incoming, Product current)
    {
        var local = ProductFields.ToObject(current);
        return incoming.All(field => ProductFields.ValueEquals(ProductFields.Get(local, field.Key), field.Value));
    }

    /// <summary>
    /// Marks the listing of a product deleted on Shopify REMOVED (listing and audit record in one transaction). Finds it by
    /// the Shopify product id recorded on the listing (a scan of the Shopify listings: deletes are rare). Null when no
    /// listing has that id. Repeating it records another attempt and changes nothing else.
    /// </summary>
    public async Task<Listing?> MarkRemovedAsync(string productId, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        await foreach (var listing in listings.QueryAsync(Platform.Shopify, cancellationToken: cancellationToken))
        {
            if (listing.ExternalId != productId)
            {
                continue;
            }

            return await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = listing.Sku, Platform = Platform.Shopify, Operation = "remote-delete", Succeeded = true, RemoteStatus = "REMOVED",
            }, actor, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Streams products (a bulk export) into change sets one product at a time, with quantities, under one batch id:
    /// memory holds one product (and the shop's sales of the look-back window) whatever the catalog size. Products without a
    /// SKU or not in the catalog are counted as skipped. Quantities are resolved sales first: <paramref name="sales"/> are the
    /// shop's recent sales (e.g. <c>new RecentSales(client.GetSalesSinceAsync, sync.SalesLookback)</c>), and each sale found
    /// that is not in the ledger yet is given to <paramref name="unledgered"/> (start its sale orchestration: a no-op when it exists).
    /// </summary>
    public async Task<ShopifyExportSummary> StageExportAsync(IAsyncEnumerable<ShopifyProduct> products, RecentSales sales, CatalogActor actor, string? batchId = null,
        Func<SaleEvent, CancellationToken, Task>? unledgered = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(products);
        var batch = batchId ?? "shopify-export-" + Guid.NewGuid().ToString("N");
        int count = 0, applied = 0, review = 0, unchanged = 0, skipped = 0;
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            count++;
            var outcome = await StageProductAsync(product, "shopify bulk export", includeQuantity: true, batch, actor, sales: sales, cancellationToken: cancellationToken);
            foreach (var sale in outcome.Quantity?.Unledgered ?? [])
            {
                await (unledgered?.Invoke(sale, cancellationToken) ?? Task.CompletedTask);
            }

            if (outcome.Result is not { } result)
            {
                skipped++;
                continue;
            }

            applied += result.Applied is null ? 0 : 1;
            review += result.Review is null ? 0 : 1;
            unchanged += outcome.Unchanged ? 1 : 0;
        }

        return new ShopifyExportSummary(count, applied, review, unchanged, skipped, batch);
    }
}
