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
/// listing (operation <c>images</c>) and in the audit trail; dry runs record nothing.
/// </summary>
public sealed class ListingImageRemediator(ProductCatalog catalog, ListingStore listings, ListingImageClients clients, BlobServiceClient blobs, SyncOptions options)
{
    public async Task<ImageCheckResult> CheckAsync(Platform platform, string sku, bool dryRun, string correlationId, CancellationToken cancellationToken = default)
    {
        var product = await catalog.GetAsync(sku, cancellationToken);
        var listing = await listings.GetAsync(sku, platform, cancellationToken);
        if (product is null || listing?.ExternalId is null)
        {
            return new ImageCheckResult(sku, platform, ImageCheckOutcomes.NotListed, product?.Images.Count ?? 0, 0, [], []);
        }

        var gallery = new List<string>(product.Images.Count);
        var missingBlobs = new List<string>();
        foreach (var image in product.Images)
        {
            (await BlobExistsAsync(image, cancellationToken) ? gallery : missingBlobs).Add(image.Blob);
        }

        var urls = gallery.Select(PublicUrl).ToList();
        var client = clients.Get(platform);
        try
        {
            var remote = await client.GetImagesAsync(sku, listing.ExternalId, urls.Count, cancellationToken);
            if (remote is null)
            {
                return new ImageCheckResult(sku, platform, ImageCheckOutcomes.NotListed, product.Images.Count, 0, [], missingBlobs);
            }

            var missing = ImageGallery.Missing(urls, remote);
            if (missing.Count == 0 || dryRun)
            {
                return new ImageCheckResult(sku, platform, missing.Count == 0 ? ImageCheckOutcomes.Ok : ImageCheckOutcomes.WouldFix,
                    product.Images.Count, remote.Count, missing, missingBlobs);
            }

            await client.RestoreAsync(sku, listing.ExternalId, urls, missing, cancellationToken);
            await RecordAsync(sku, platform, true, null, correlationId, cancellationToken);
            return new ImageCheckResult(sku, platform, ImageCheckOutcomes.Fixed, product.Images.Count, remote.Count, missing, missingBlobs);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            if (!dryRun)
            {
                await RecordAsync(sku, platform, false, error, correlationId, CancellationToken.None);
            }

            return new ImageCheckResult(sku, platform, ImageCheckOutcomes.Failed, product.Images.Count, 0, [], missingBlobs, error);
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
