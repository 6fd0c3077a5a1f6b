using Azure;
using Azure.Storage.Blobs;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Operations.Images;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>
/// Checks one listing's images against the catalog gallery and puts back what is missing. The gallery's blobs must
/// exist in Blob storage (the platforms fetch them from <see cref="SyncOptions.ImageBaseUrl"/>); missing blobs are
/// reported, not sent. Safe to repeat: a second run finds nothing missing. Repairs and failures are recorded on the
/// listing (operation <c>images</c>) and in the audit trail; dry runs record nothing. A listing in several shops (Reverb accounts)
/// is checked and repaired in each live shop.
/// </summary>
public sealed class ListingImageRemediator(ProductCatalog catalog, ListingStore listings, ListingImageClients clients, BlobServiceClient blobs, SyncOptions options)
{
    /// <summary>The check of the listing: one result, or one per live shop for a listing in several shops (<see cref="Listing.Shops"/>).</summary>
    public async Task<IReadOnlyList<ImageCheckResult>> CheckAsync(Platform platform, string sku, bool dryRun, string correlationId, CancellationToken cancellationToken = default)
    {
        var product = await catalog.GetAsync(sku, cancellationToken);
        var listing = await listings.GetAsync(sku, platform, cancellationToken);
        if (product is null || listing?.ExternalId is null)
        {
            return [new ImageCheckResult(sku, platform, ImageCheckOutcomes.NotListed, product?.Images.Count ?? 0, 0, [], [])];
        }

        var gallery = new List<string>(product.Images.Count);
        var missingBlobs = new List<string>();
        foreach (var image in product.Images)
        {
            (await BlobExistsAsync(image, cancellationToken) ? gallery : missingBlobs).Add(image.Blob);
        }

        var urls = gallery.Select(PublicUrl).ToList();
        IEnumerable<(string? Shop, string ExternalId)> shops = listing.Shops is { Count: > 0 } named
            ? named.Where(s => s.Status == ListingStatus.Active).Select(s => ((string?)s.Shop, s.ExternalId))
            : [(null, listing.ExternalId)];
        var results = new List<ImageCheckResult>();
        foreach (var (shop, externalId) in shops)
        {
            results.Add(await CheckShopAsync(platform, product, shop, externalId, urls, missingBlobs, dryRun, correlationId, cancellationToken));
        }

        return results;
    }

    private async Task<ImageCheckResult> CheckShopAsync(Platform platform, Product product, string? shop, string externalId, IReadOnlyList<string> urls,
        IReadOnlyList<string> missingBlobs, bool dryRun, string correlationId, CancellationToken cancellationToken)
    {
        var (sku, expected) = (product.Sku, product.Images.Count);
        var client = clients.Get(platform);
        try
        {
            var remote = await client.GetImagesAsync(sku, externalId, urls.Count, shop, cancellationToken);
            if (remote is null)
            {
                return new ImageCheckResult(sku, platform, ImageCheckOutcomes.NotListed, expected, 0, [], missingBlobs, Shop: shop);
            }

            var missing = ImageGallery.Missing(urls, remote);
            if (missing.Count == 0 || dryRun)
            {
                return new ImageCheckResult(sku, platform, missing.Count == 0 ? ImageCheckOutcomes.Ok : ImageCheckOutcomes.WouldFix,
                    expected, remote.Count, missing, missingBlobs, Shop: shop);
            }

            await client.RestoreAsync(sku, externalId, urls, missing, shop, cancellationToken);
            await RecordAsync(sku, platform, true, null, correlationId, cancellationToken);
            return new ImageCheckResult(sku, platform, ImageCheckOutcomes.Fixed, expected, remote.Count, missing, missingBlobs, Shop: shop);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}" + (shop is null ? string.Empty : $" (shop {shop})");
            if (!dryRun)
            {
                await RecordAsync(sku, platform, false, error, correlationId, CancellationToken.None);
            }

            return new ImageCheckResult(sku, platform, ImageCheckOutcomes.Failed, expected, 0, [], missingBlobs, error, shop);
        }
    }

    private Task RecordAsync(string sku, Platform platform, bool succeeded, string? error, string correlationId, CancellationToken cancellationToken) =>
        listings.RecordAttemptAsync(new ListingAttemptReport { Sku = sku, Platform = platform, Operation = "images", Succeeded = succeeded, Error = error },
            new CatalogActor("images", correlationId), cancellationToken);

    private async Task<bool> BlobExistsAsync(ImageRef image, CancellationToken cancellationToken)
    {
        var slash = image.Blob.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        try
        {
            return await blobs.GetBlobContainerClient(image.Blob[..slash]).GetBlobClient(image.Blob[(slash + 1)..]).ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private string PublicUrl(string blob) => options.ImageBaseUrl is { } baseUrl
        ? new Uri(baseUrl, blob).ToString()
        : throw new InvalidOperationException("Sync:ImageBaseUrl is not configured: product images cannot be given to the platforms as public URLs.");
}
