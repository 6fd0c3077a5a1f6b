using Azure.Storage.Blobs;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.Extensions.DependencyInjection;
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
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account);
        var sku = "IMG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 3);
        var gallery = ImageSeeding.GalleryUrls(env.Services, product);
        foreach (var platform in Three)
        {
            await ImageSeeding.KeepFirstImagesAsync(env.Services, product, platform, keep: 2);
        }

        var dry = await env.CheckImagesAsync(sku, dryRun: true);
        var fix = await env.CheckImagesAsync(sku, dryRun: false);
        var again = await env.CheckImagesAsync(sku, dryRun: false);

        foreach (var platform in Three)
        {
            var finding = dry[platform].Findings.ShouldHaveSingleItem();
            (finding.Outcome, finding.Expected, finding.Found).ShouldBe((ImageCheckOutcomes.WouldFix, 3, 2), $"{platform.ToWire()}: {finding.Error}");
            finding.Missing.ShouldBe([gallery[2]]);
            fix[platform].Fixed.ShouldBe(1, platform.ToWire());
            again[platform].Ok.ShouldBe(1, platform.ToWire());
            again[platform].Findings.ShouldBeEmpty();
            var listing = (await env.Services.GetRequiredService<Shared.Catalog.Listings.ListingStore>().GetAsync(sku, platform))!;
            var images = await env.Services.GetRequiredService<ListingImageClients>().Get(platform).GetImagesAsync(sku, listing.ExternalId!, expected: 4);
            images!.Count.ShouldBe(3, platform.ToWire());
            listing.Attempts.Count(a => a.Operation == "images" && a.Succeeded).ShouldBe(1);
        }

        var ebayItem = env.Sandboxes.EbayReverb.Ebay.GetItem(sku)!;
        ebayItem["product"]!["imageUrls"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(gallery);
    }

    [Fact]
    public async Task Check_ReportsAGalleryImageMissingFromBlobStorage_AndDoesNotSendIt()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account);
        var sku = "IMB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 2);
        await ImageSeeding.KeepFirstImagesAsync(env.Services, product, Platform.Ebay, keep: 1);
        await env.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ImageSeeding.Container)
            .DeleteBlobAsync(product.Images[1].Blob[(ImageSeeding.Container.Length + 1)..]);

        var report = (await env.CheckImagesAsync(sku, dryRun: false, Platform.Ebay))[Platform.Ebay];

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Outcome.ShouldBe(ImageCheckOutcomes.Ok);
        finding.MissingBlobs.ShouldBe([product.Images[1].Blob]);
        var listing = (await env.Services.GetRequiredService<Shared.Catalog.Listings.ListingStore>().GetAsync(sku, Platform.Ebay))!;
        (await env.Services.GetRequiredService<ListingImageClients>().Get(Platform.Ebay).GetImagesAsync(sku, listing.ExternalId!, expected: 2))!.Count.ShouldBe(1);
    }
}
