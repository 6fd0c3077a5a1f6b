using Azure.Storage.Blobs.Models;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Tests.Sync;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Sandbox.VintageAndRare;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Storage;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Marketplace.Orchestrations.Tests.VintageAndRare;

/// <summary>
/// The sync workflows on the standalone runtime (Azurite) with the Shopify, eBay and Reverb sandboxes and Vintage &amp; Rare
/// as a fourth platform: its sandbox site driven by real Chromium, moderation checks every 500 ms.
/// </summary>
internal sealed class VintageAndRareHarness : IAsyncDisposable
{
    // A valid 1x1 PNG: V&R wants at least one photo.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private ReplaceableWorker _worker = null!;

    /// <summary>The public URL of the one product photo (<c>guitar-1.png</c> under <see cref="SyncOptions.ImageBaseUrl"/>).</summary>
    public string PhotoUrl { get; private set; } = null!;

    public SyncSandboxes Sandboxes { get; private set; } = null!;

    public VintageAndRareSandboxServer Site { get; private set; } = null!;

    public IServiceProvider Services => _worker.Services;

    public ProductCatalog Catalog => Services.GetRequiredService<ProductCatalog>();

    public ListingStore Listings => Services.GetRequiredService<ListingStore>();

    public InventoryLedger Ledger => Services.GetRequiredService<InventoryLedger>();

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public VintageAndRareConnector Connector => Services.GetRequiredService<VintageAndRareConnector>();

    /// <summary>Starts the worker; <paramref name="pendingTimeout"/> is how long a listing may stay PENDING (2 minutes unless given).</summary>
    public static async Task<VintageAndRareHarness> StartAsync(StorageAccount account, TimeSpan? pendingTimeout = null)
    {
        var harness = new VintageAndRareHarness { Sandboxes = await SyncSandboxes.StartAsync(false), Site = await VintageAndRareSandboxServer.StartAsync() };
        var photos = account.CreateBlobServiceClient().GetBlobContainerClient("vrphotos" + Guid.NewGuid().ToString("N")[..10]);
        await photos.CreateIfNotExistsAsync(PublicAccessType.Blob);
        var photo = photos.GetBlobClient("guitar-1.png");
        await photo.UploadAsync(BinaryData.FromBytes(Png), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        harness.PhotoUrl = photo.Uri.ToString();
        var secrets = new InMemorySecretStore();
        await secrets.SetSecretAsync("vintageandrare--dealer--username", harness.Site.State.Options.Username);
        await secrets.SetSecretAsync("vintageandrare--dealer--password", harness.Site.State.Options.Password);
        await secrets.SetSecretAsync("vintageandrare--dealer--feedkey", harness.Site.State.Options.FeedKey);
        var environment = new SyncEnvironmentOptions
        {
            CatalogTable = "vr" + Guid.NewGuid().ToString("N")[..12],
            TaskHub = "vr" + Guid.NewGuid().ToString("N")[..10],
            Sync = new SyncOptions
            {
                PlatformRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100)),
                StorageRetry = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(1)),
                ImageBaseUrl = new Uri(photos.Uri + "/"),
            },
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VintageAndRare:BaseUrl"] = harness.Site.SiteUrl.ToString(),
            ["VintageAndRare:Account"] = "dealer",
            ["VintageAndRare:Container"] = "vr" + Guid.NewGuid().ToString("N")[..10],
            ["VintageAndRare:PageTimeout"] = "00:00:20",
            ["VintageAndRare:Workflow:PollInterval"] = "00:00:00.500",
            ["VintageAndRare:Workflow:PendingTimeout"] = (pendingTimeout ?? TimeSpan.FromMinutes(2)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        harness._worker = await ReplaceableWorker.StartAsync(workerId =>
        {
            var services = new ServiceCollection().AddSyncOnAzurite(account, harness.Sandboxes.Endpoints, environment with { WorkerId = workerId });
            services.AddSingleton<ISecretStore>(secrets);
            services.AddSingleton(account.CreateBlobServiceClient());
            services.AddVintageAndRare(configuration);
            services.AddVintageAndRareWorkflow(configuration);
            services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<VintageAndRareConnector>());
            services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<VintageAndRareListingReader>());
            return services.BuildServiceProvider();
        });
        return harness;
    }

    /// <summary>An ACTIVE one-off guitar with what eBay and Vintage &amp; Rare need (categories, shipping), listed nowhere yet.</summary>
    public Task<Product> CreateGuitarAsync(string sku) => Catalog.CreateAsync(new Product
    {
        Sku = sku, Title = $"Gibson Les Paul LH {sku}", DescriptionHtml = "<p>Left-handed, 1959 reissue.</p>", Brand = "Gibson", Model = "Les Paul",
        Year = 1999, BasePrice = SyncSeeding.ListedPrice, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
        PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.VintageAndRare] = "electric-guitars-left-handed" },
        ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1", [Platform.VintageAndRare] = "worldwide-insured" },
        Images = [new ImageRef("guitar-1.png", "front")],
    }, CatalogActor.Create("test"));

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done;
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await Site.DisposeAsync();
        await Sandboxes.DisposeAsync();
    }
}
