using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Publish and edit propagation through the catalog outbox, against Azurite and the three sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class ProductPushTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Platform[] Three = [Platform.Shopify, Platform.Ebay, Platform.Reverb];

    [Fact]
    public async Task Publish_ListsOncePerPlatformWithThePlatformsPrice_AndRecordsIdsAndUrls()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "PUB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await CreateAsync(harness, sku);
        var publisher = harness.Services.GetRequiredService<ProductPublisher>();

        var id = await publisher.PublishAsync(sku, Three, CatalogActor.Create("test"));
        var result = await WaitAsync(harness, id);
        (await publisher.PublishAsync(sku, Three, CatalogActor.Create("test"))).ShouldBe(id);
        var again = await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(PushProductOrchestrator), new PushProductInput(sku, 1, "retry"));
        var retry = await WaitAsync(harness, again);

        result.Platforms.Count.ShouldBe(3);
        result.Platforms.ShouldAllBe(p => p.Succeeded && !p.Skipped && p.ExternalId != null);
        retry.Platforms.ShouldBeEmpty();
        harness.Shop.CountWithSku(sku).ShouldBe(1);
        harness.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1);
        harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1);
        harness.EbayReverb.Ebay.OffersFor(sku)[0].Body.ToJsonString().ShouldContain("1430");
        foreach (var platform in Three)
        {
            var listing = (await harness.Listings.GetAsync(sku, platform))!;
            listing.ExternalId.ShouldNotBeNullOrEmpty();
            listing.LastPushedVersion.ShouldBe(1);
            listing.Status.ShouldNotBe(ListingStatus.Error);
            // The pushed values are the baseline of the next pull: a platform still showing them has not edited them.
            var product = (await harness.Catalog.GetAsync(sku))!;
            listing.LastSeenRemote.ShouldNotBeNull($"{platform} has no baseline after the push");
            listing.LastSeenRemote["basePrice"]!.GetValue<decimal>().ShouldBe(product.BasePrice);
            listing.LastSeenRemote["title"]!.GetValue<string>().ShouldBe(product.Title);
        }
    }

    [Fact]
    public async Task Edit_FlowsFromTheOutboxToEveryListedPlatform_AndOnlyToThose()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "EDIT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await CreateAsync(harness, sku);
        var publisher = harness.Services.GetRequiredService<ProductPublisher>();
        await WaitAsync(harness, await publisher.PublishAsync(sku, [Platform.Shopify, Platform.Reverb], CatalogActor.Create("test")));
        var dispatcher = harness.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchPendingAsync(sku);
        foreach (var entry in await dispatcher.ListAsync(sku))
        {
            await harness.Client.WaitForInstanceCompletionAsync(entry.Id);
        }

        var product = (await harness.Catalog.GetAsync(sku))!;
        await harness.Catalog.UpdateAsync(product with { Title = "Gibson Les Paul Goldtop (refinished)" }, product.Version, CatalogActor.Create("test"));
        (await dispatcher.DispatchPendingAsync(sku)).ShouldBe(1);
        var edit = (await dispatcher.ListAsync(sku)).OrderBy(e => e.CreatedAt).Last();
        var result = await WaitAsync(harness, edit.Id);

        result.Version.ShouldBe(2);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe([Platform.Shopify, Platform.Reverb]);
        result.Platforms.ShouldAllBe(p => p.Succeeded);
        harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["title"]!.ToString().ShouldContain("refinished");
        harness.EbayReverb.Ebay.OffersFor(sku).ShouldBeEmpty();
        (await harness.Listings.GetAsync(sku, Platform.Ebay)).ShouldBeNull();
        (await harness.Listings.GetAsync(sku, Platform.Shopify))!.LastPushedVersion.ShouldBe(2);
    }

    private static async Task CreateAsync(SyncHarness harness, string sku) =>
        await harness.Catalog.CreateAsync(new Product
        {
            Sku = sku, Title = "Gibson Les Paul Goldtop", DescriptionHtml = "<p>1976.</p>", Brand = "Gibson", Model = "Les Paul", Year = 1976,
            BasePrice = 1300m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active, Category = "electric-guitars",
            PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Ebay] = new PriceRule(PercentMarkup: 10m) },
            PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
            ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
        }, CatalogActor.Create("test"));

    private static async Task<ProductPushResult> WaitAsync(SyncHarness harness, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<ProductPushResult>()!;
    }
}
