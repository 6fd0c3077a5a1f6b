using Azure.Storage.Blobs;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.TestSupport.Operations;

/// <summary>Products with a gallery in Blob storage, listed with it on every sandbox platform, for the image-check tests and benchmark.</summary>
internal static class ImageSeeding
{
    public const string Container = "product-images";

    /// <summary>
    /// Uploads <paramref name="images"/> small images to <see cref="Container"/>, creates an ACTIVE product with them as its
    /// gallery and lists it with the whole gallery on every connected platform (listings recorded in the catalog); on Reverb
    /// in the shops <paramref name="reverbAccounts"/> names (none: the default shop), each shop's listing on the record.
    /// </summary>
    public static async Task<Product> ListWithGalleryAsync(IServiceProvider services, SyncSandboxes sandboxes, string sku, int images,
        IReadOnlyList<string>? reverbAccounts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sandboxes);
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var gallery = new List<ImageRef>();
        for (var i = 1; i <= images; i++)
        {
            var path = $"{sku}/{i:D2}.jpg";
            await container.GetBlobClient(path).UploadAsync(BinaryData.FromString($"jpeg {sku} {i}"), overwrite: true, cancellationToken);
            gallery.Add(new ImageRef($"{Container}/{path}", $"view {i}"));
        }

        var actor = CatalogActor.Create("test");
        var product = await services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Gibson ES-335 {sku}", DescriptionHtml = "<p>Cherry, 1964.</p>", Brand = "Gibson", Model = "ES-335", Year = 1964,
            BasePrice = 5000m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active, Images = gallery, ReverbAccounts = reverbAccounts ?? [],
            PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
            ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
        }, actor, cancellationToken);
        var connectors = services.GetRequiredService<SyncConnectors>();
        foreach (var platform in connectors.Platforms)
        {
            var reference = await connectors.Get(platform).UpsertListingAsync(Draft(product, platform, GalleryUrls(services, product)), cancellationToken);
            if (platform == Platform.Reverb)
            {
                foreach (var shop in reference.Shops ?? [new ShopListing("default", reference.ExternalId, reference.Url, reference.Status)])
                {
                    var state = shop.Shop == "default" ? sandboxes.EbayReverb.Reverb : sandboxes.EbayReverb.ReverbShop(shop.Shop);
                    state.SetState(long.Parse(shop.ExternalId, System.Globalization.CultureInfo.InvariantCulture), "live");
                }
            }

            await services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = "ACTIVE",
                Shops = reference.Shops?.Select(shop => shop with { Status = "ACTIVE" }).ToList(),
            }, actor, cancellationToken);
        }

        return product;
    }

    /// <summary>The listing on <paramref name="platform"/> loses images through the platform's own API: it keeps the first <paramref name="keep"/>.</summary>
    public static async Task KeepFirstImagesAsync(IServiceProvider services, Product product, Platform platform, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(product);
        var urls = GalleryUrls(services, product).Take(keep).ToList();
        await services.GetRequiredService<SyncConnectors>().Get(platform).UpsertListingAsync(Draft(product, platform, urls), cancellationToken);
    }

    /// <summary>The public URLs of the product's gallery, as the platforms are given them.</summary>
    public static IReadOnlyList<string> GalleryUrls(IServiceProvider services, Product product)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(product);
        var baseUrl = services.GetRequiredService<SyncOptions>().ImageBaseUrl ?? throw new InvalidOperationException("Sync:ImageBaseUrl is not set.");
        return product.Images.Select(i => new Uri(baseUrl, i.Blob).ToString()).ToList();
    }

    private static ListingDraft Draft(Product product, Platform platform, IReadOnlyList<string> imageUrls) => new()
    {
        Attributes = platform == Platform.Reverb && product.ReverbAccounts.Count > 0
            ? new Dictionary<string, string> { ["reverbAccounts"] = string.Join(',', product.ReverbAccounts) }
            : new Dictionary<string, string>(),
        Sku = product.Sku, Title = product.Title, DescriptionHtml = product.DescriptionHtml, Brand = product.Brand, Model = product.Model, Year = product.Year,
        Price = product.BasePrice, Currency = product.Currency, Quantity = 1, Condition = "Excellent", CategoryId = platform == Platform.Shopify ? null : "33034",
        ShippingProfileId = "fulfilment-1", ImageUrls = imageUrls,
    };
}
