using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for one shop. All listings come from a bulk export
/// (<see cref="ShopifyClient.ExportProductsAsync"/>: one bulk query instead of thousands of paced pages) unless
/// <see cref="UseBulkExportForAll"/> is false; listings updated since a time come from the <c>products</c> query
/// filtered by <c>updated_at:&gt;=</c>, page by page. One listing per variant with a SKU (variants without one are
/// not ours). Status: ACTIVE and DRAFT as is, ARCHIVED as ENDED. Currency is null (Shopify prices are in the shop's currency).
/// </summary>
public sealed class ShopifyListingReader(ShopifyClient client) : IMarketplaceListingReader
{
    /// <summary>Read every listing through a bulk export (default true); false pages through <c>products</c>.</summary>
    public bool UseBulkExportForAll { get; init; } = true;

    /// <summary>Products per page of the <c>products</c> query (default 10, under Shopify's 1,000-point limit per query).</summary>
    public int PageSize { get; init; } = 10;

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Shopify;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var products = updatedSince is null && UseBulkExportForAll
            ? client.ExportProductsAsync(cancellationToken)
            : client.GetProductsUpdatedSinceAsync(updatedSince, PageSize, cancellationToken);
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            foreach (var listing in ToListings(product, client.Options.ShopDomain))
            {
                yield return listing;
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        var product = await client.GetProductBySkuAsync(sku, cancellationToken);
        return product is null ? null : ToListings(product, client.Options.ShopDomain).FirstOrDefault(l => l.Sku == sku);
    }

    /// <summary>The listings of one product: one per variant with a SKU.</summary>
    public static IEnumerable<RemoteListing> ToListings(ShopifyProduct product, string shopDomain)
    {
        ArgumentNullException.ThrowIfNull(product);
        var url = string.IsNullOrEmpty(product.Handle) ? null : new Uri($"https://{shopDomain}/products/{product.Handle}");
        var status = StatusOf(product.Status);
        foreach (var variant in product.Variants)
        {
            if (string.IsNullOrEmpty(variant.Sku))
            {
                continue;
            }

            yield return new RemoteListing(
                MarketplacePlatform.Shopify, variant.Sku, product.Id, url, status, variant.InventoryQuantity, variant.Price, null,
                product.Title, product.DescriptionHtml, product.UpdatedAt)
            {
                // The category map may hold the taxonomy gid or the bare id the mapper prefixes.
                CategoryIds = product.CategoryId is { } category ? [category, category.Replace(ShopifyProductMapper.TaxonomyPrefix, string.Empty, StringComparison.Ordinal)] : null,
            };
        }
    }

    /// <summary>The canonical listing status of a Shopify product status (ARCHIVED is ENDED, as the connector reports it).</summary>
    public static string StatusOf(string shopifyStatus) => shopifyStatus.ToUpperInvariant() switch
    {
        "ARCHIVED" => "ENDED",
        var s => s,
    };
}
