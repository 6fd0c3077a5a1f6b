using Marketplace.Shared.Catalog;
using Marketplace.Shared.Ebay;

namespace Marketplace.Shared.Operations.Images;

/// <summary>
/// eBay inventory item images (<c>product.imageUrls</c>, the URLs we sent). A repair replaces the inventory item with the
/// catalog gallery, which eBay applies to the published offer; it counts as one revision.
/// </summary>
public sealed class EbayListingImages(EbayClient client) : IListingImageClient
{
    public Platform Platform => Platform.Ebay;

    public async Task<IReadOnlyList<RemoteImage>?> GetImagesAsync(string sku, string externalId, int expected, string? shop = null, CancellationToken cancellationToken = default) =>
        await client.GetInventoryItemAsync(sku, cancellationToken) is { } item
            ? (item.Product.ImageUrls ?? []).Select(url => new RemoteImage(url, url)).ToList()
            : null;

    public async Task RestoreAsync(string sku, string externalId, IReadOnlyList<string> gallery, IReadOnlyList<string> missing, string? shop = null,
        CancellationToken cancellationToken = default)
    {
        var item = await client.GetInventoryItemAsync(sku, cancellationToken) ?? throw new InvalidOperationException($"eBay has no inventory item for SKU '{sku}'.");
        await client.CreateOrReplaceInventoryItemAsync(sku, item with { Product = item.Product with { ImageUrls = gallery } }, cancellationToken);
    }
}
