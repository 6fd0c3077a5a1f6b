using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

namespace Marketplace.TestSupport.Sync;

/// <summary>Products for sync tests and benchmarks: new ones to push, and ones already listed everywhere.</summary>
internal static class SyncSeeding
{
    // Seeding runs before a test's faults and may use connectors without retries: on a loaded machine one call can miss the
    // attempt timeout. Listing upserts are idempotent by SKU, so the seed repeats them.
    private static readonly ResiliencePipeline SeedRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<MarketplaceException>(ex => ex.IsTransient),
            MaxRetryAttempts = 5,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .Build();

    /// <summary>The price of a product made by <see cref="ListEverywhereAsync"/>.</summary>
    public const decimal ListedPrice = 1299m;

    /// <summary>A new ACTIVE one-off product with the eBay and Reverb categories and the eBay shipping profile a push needs.</summary>
    public static Product NewBass(string sku, int index) => new()
    {
        Sku = sku, Title = $"Fender Jazz Bass {index}", DescriptionHtml = "<p>1966, original finish.</p>", Brand = "Fender", Model = "Jazz Bass",
        Year = 1966, BasePrice = 1300m + (index % 500), Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
        PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
        ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
    };

    /// <summary>Creates <paramref name="count"/> products (<see cref="NewBass"/>, SKUs <c>{prefix}-{i:D6}</c>) several at once; returns the SKUs in order.</summary>
    public static async Task<IReadOnlyList<string>> CreateProductsAsync(IServiceProvider services, string prefix, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = services.GetRequiredService<ProductCatalog>();
        var skus = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D6}").ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            await catalog.CreateAsync(NewBass(skus[i], i), CatalogActor.Create("test"), ct));
        return skus;
    }

    /// <summary>A one-off (or stocked) ACTIVE product listed on all three platforms, the listings recorded in the catalog.</summary>
    public static async Task<Product> ListEverywhereAsync(IServiceProvider services, SyncSandboxes sandboxes, string sku, int quantity = 1, bool stocked = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sandboxes);
        var actor = CatalogActor.Create("test");
        var product = await services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", DescriptionHtml = "<p>Sunburst, 1978.</p>", Brand = "Fender", Model = "Stratocaster",
            Year = 1978, BasePrice = ListedPrice, Currency = "EUR", Quantity = quantity, Stocked = stocked, Status = ProductStatus.Active,
            PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
            ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
        }, actor, cancellationToken);
        var connectors = services.GetRequiredService<SyncConnectors>();
        foreach (var platform in connectors.Platforms)
        {
            var draft = new ListingDraft
            {
                Sku = sku, Title = product.Title, DescriptionHtml = product.DescriptionHtml, Brand = "Fender", Model = "Stratocaster", Year = 1978,
                Price = ListedPrice, Quantity = quantity, Condition = "Excellent", CategoryId = platform == Platform.Shopify ? null : "33034",
                ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
            };
            var connector = connectors.Get(platform);
            var reference = await SeedRetry.ExecuteAsync(async ct => await connector.UpsertListingAsync(draft, ct), cancellationToken);
            if (platform == Platform.Reverb)
            {
                sandboxes.EbayReverb.Reverb.SetState(long.Parse(reference.ExternalId, System.Globalization.CultureInfo.InvariantCulture), "live");
            }

            await services.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = "ACTIVE",
            }, actor, cancellationToken);
        }

        return product;
    }
}
