using Azure.Storage.Blobs;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>Image checks against Azurite (catalog, gallery blobs, task hub) and the Shopify, eBay and Reverb sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class ImageRemediationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Platform[] Three = [Platform.Shopify, Platform.Ebay, Platform.Reverb];

    [Fact]
    public async Task Check_FindsTheImageEachPlatformLost_DryRunOnlyReports_FixRestoresIt_AndTheNextCheckIsClean()
    {
        await using var env = await Environment.StartAsync(azurite.Account);
        var sku = "IMG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 3);
        var gallery = ImageSeeding.GalleryUrls(env.Services, product);
        foreach (var platform in Three)
        {
            await ImageSeeding.KeepFirstImagesAsync(env.Services, product, platform, keep: 2);
        }

        var dry = await env.RunAsync(sku, dryRun: true);
        var fix = await env.RunAsync(sku, dryRun: false);
        var again = await env.RunAsync(sku, dryRun: false);

        foreach (var platform in Three)
        {
            var finding = dry[platform].Findings.ShouldHaveSingleItem();
            (finding.Outcome, finding.Expected, finding.Found).ShouldBe((ImageCheckOutcomes.WouldFix, 3, 2), $"{platform.ToWire()}: {finding.Error}");
            finding.Missing.ShouldBe([gallery[2]]);
            fix[platform].Fixed.ShouldBe(1, platform.ToWire());
            again[platform].Ok.ShouldBe(1, platform.ToWire());
            again[platform].Findings.ShouldBeEmpty();
            var images = await env.Services.GetRequiredService<ListingImageClients>().Get(platform).GetImagesAsync(sku);
            images!.Count.ShouldBe(3, platform.ToWire());
            var listing = (await env.Services.GetRequiredService<Shared.Catalog.Listings.ListingStore>().GetAsync(sku, platform))!;
            listing.Attempts.Count(a => a.Operation == "images" && a.Succeeded).ShouldBe(1);
        }

        var ebayItem = env.Sandboxes.EbayReverb.Ebay.GetItem(sku)!;
        ebayItem["product"]!["imageUrls"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(gallery);
    }

    [Fact]
    public async Task Check_ReportsAGalleryImageMissingFromBlobStorage_AndDoesNotSendIt()
    {
        await using var env = await Environment.StartAsync(azurite.Account);
        var sku = "IMB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 2);
        await ImageSeeding.KeepFirstImagesAsync(env.Services, product, Platform.Ebay, keep: 1);
        await env.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ImageSeeding.Container)
            .DeleteBlobAsync(product.Images[1].Blob[(ImageSeeding.Container.Length + 1)..]);

        var report = (await env.RunAsync(sku, dryRun: false, Platform.Ebay))[Platform.Ebay];

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Outcome.ShouldBe(ImageCheckOutcomes.Ok);
        finding.MissingBlobs.ShouldBe([product.Images[1].Blob]);
        (await env.Services.GetRequiredService<ListingImageClients>().Get(Platform.Ebay).GetImagesAsync(sku))!.Count.ShouldBe(1);
    }

    /// <summary>The sync services on Azurite and the sandboxes, with gallery images served from the Azurite blob endpoint.</summary>
    private sealed class Environment : IAsyncDisposable
    {
        private ServiceProvider _provider = null!;

        public SyncSandboxes Sandboxes { get; private set; } = null!;

        public IServiceProvider Services => _provider;

        public static async Task<Environment> StartAsync(Shared.Storage.StorageAccount account)
        {
            var env = new Environment { Sandboxes = await SyncSandboxes.StartAsync() };
            env._provider = new ServiceCollection().AddSyncOnAzurite(account, env.Sandboxes.Endpoints, new SyncEnvironmentOptions
            {
                CatalogTable = "img" + Guid.NewGuid().ToString("N")[..12],
                TaskHub = "img" + Guid.NewGuid().ToString("N")[..10],
                Sync = new SyncOptions
                {
                    ImageBaseUrl = new Uri(account.BlobEndpoint.ToString().TrimEnd('/') + "/"),
                    PlatformRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100)),
                    StorageRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100)),
                },
            }).BuildServiceProvider();
            foreach (var hosted in env._provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return env;
        }

        public async Task<IReadOnlyDictionary<Platform, ImageRemediationReport>> RunAsync(string sku, bool dryRun, params Platform[] platforms)
        {
            var ids = await _provider.GetRequiredService<ImageRemediationStarter>().StartAsync(platforms, sku, dryRun);
            var client = _provider.GetRequiredService<DurableTaskClient>();
            var reports = new Dictionary<Platform, ImageRemediationReport>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            foreach (var (platform, id) in ids)
            {
                var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
                done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
                reports[platform] = done.ReadOutputAs<ImageRemediationReport>()!;
            }

            return reports;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in _provider.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _provider.DisposeAsync();
            await Sandboxes.DisposeAsync();
        }
    }
}
