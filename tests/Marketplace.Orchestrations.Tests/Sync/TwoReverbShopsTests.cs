using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Orchestrations.Sync.ShippingProfiles;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Two Reverb shops managed side by side (the default account and account <c>b</c>), against Azurite and the sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class TwoReverbShopsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Platform[] Three = [Platform.Shopify, Platform.Ebay, Platform.Reverb];

    [Fact]
    public async Task ListedOnBothShops_ASaleInShopB_EndsShopAAndTheOtherPlatforms()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, reverbShopB: true);
        var sku = "TWO-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await CreateAsync(harness, sku, ["default", "b"]);
        await PublishAsync(harness, sku);
        var shopA = harness.EbayReverb.Reverb;
        var shopB = harness.EbayReverb.ReverbShop("b");
        ReverbSlug(shopA, sku).ShouldBe("live");
        ReverbSlug(shopB, sku).ShouldBe("live");

        shopB.CreateOrder(sku, 1);
        var sale = (await harness.PolledSalesAsync(Platform.Reverb, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        result.Quantity.ShouldBe(0);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe(Three.Order());
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.End);
        ReverbSlug(shopA, sku).ShouldBe("ended");
        ReverbSlug(shopB, sku).ShouldBe("sold_out");
        foreach (var platform in new[] { Platform.Shopify, Platform.Ebay })
        {
            (await harness.Connectors.Get(platform).FindListingAsync(sku))?.Status.ShouldNotBe("ACTIVE");
        }
    }

    [Fact]
    public async Task ListedOnShopBOnly_NothingIsMadeInShopA()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, reverbShopB: true);
        var sku = "ONEB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await CreateAsync(harness, sku, ["b"]);

        await PublishAsync(harness, sku);

        harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).ShouldBeEmpty();
        ReverbSlug(harness.EbayReverb.ReverbShop("b"), sku).ShouldBe("live");
    }

    [Fact]
    public async Task ListedOnBothShops_TheListingNamesEachShopsListing_AndTakenOffShopA_OnlyShopB()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, reverbShopB: true);
        var sku = "SHOPS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await CreateAsync(harness, sku, ["default", "b"]);
        await PublishAsync(harness, sku);
        var idA = ReverbId(harness.EbayReverb.Reverb, sku);
        var idB = ReverbId(harness.EbayReverb.ReverbShop("b"), sku);

        var both = (await harness.Listings.GetAsync(sku, Platform.Reverb)).ShouldNotBeNull();
        await harness.Catalog.UpdateAsync(product with { ReverbAccounts = ["b"] }, product.Version, CatalogActor.Create("test"));
        await PublishAsync(harness, sku);
        var onlyB = (await harness.Listings.GetAsync(sku, Platform.Reverb)).ShouldNotBeNull();

        idA.ShouldNotBe(idB);
        both.ExternalId.ShouldBe(idA);
        both.Shops.ShouldNotBeNull().Select(s => (s.Shop, s.ExternalId, s.Url, s.Status)).ShouldBe(
            [("default", idA, $"https://reverb.com/item/{idA}", ListingStatus.Active), ("b", idB, $"https://reverb.com/item/{idB}", ListingStatus.Active)]);
        ReverbSlug(harness.EbayReverb.Reverb, sku).ShouldBe("ended");
        onlyB.Shops.ShouldNotBeNull().Select(s => (s.Shop, s.ExternalId, s.Status)).ShouldBe([("b", idB, ListingStatus.Active)]);
        onlyB.ExternalId.ShouldBe(idB);
    }

    [Fact]
    public async Task ShippingProfiles_EachShopGetsItsOwn_TheAuditFindsADriftInShopB_AndTheFixPutsShopBsProfileBack()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, reverbShopB: true);
        var (shopA, shopB) = (harness.EbayReverb.Reverb, harness.EbayReverb.ReverbShop("b"));
        shopA.ShippingProfiles.Add(4242);
        shopB.ShippingProfiles.Add(5151);
        shopB.ShippingProfiles.Add(5199);
        var sku = "SHIP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await CreateAsync(harness, sku, ["default", "b"]);
        await harness.Catalog.UpdateAsync(product with { ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1", [Platform.Reverb] = "4242" } },
            product.Version, CatalogActor.Create("test"));
        await PublishAsync(harness, sku);
        var audit = harness.Services.GetRequiredService<ShippingProfileAudit>();
        var clean = await audit.FindDriftAsync(Platform.Reverb, 100);

        shopB.Update(long.Parse(ReverbId(shopB, sku), System.Globalization.CultureInfo.InvariantCulture), new System.Text.Json.Nodes.JsonObject { ["shipping_profile_id"] = 5199L });
        var drift = await audit.FindDriftAsync(Platform.Reverb, 100);
        var fixRun = await AuditAsync(harness, fix: true); // the durable run the dashboard starts
        var checkRun = await AuditAsync(harness, fix: false);

        (Profile(shopA, sku), Profile(shopB, sku)).ShouldBe((4242, 5151));
        clean.Where(d => d.Sku == sku).ShouldBeEmpty();
        drift.Where(d => d.Sku == sku).ShouldHaveSingleItem().ShouldBe(new ShippingProfileDrift(sku, Platform.Reverb, "5151", "5199", "b"));
        fixRun.Drift.Where(d => d.Sku == sku).ShouldHaveSingleItem().ShouldBe(new ShippingProfileDrift(sku, Platform.Reverb, "5151", "5199", "b"));
        fixRun.Fixes.Where(f => f.Sku == sku).ShouldHaveSingleItem().ShouldBe(new ShippingProfileFix(sku, Platform.Reverb, true, null));
        checkRun.Checked.ShouldBeGreaterThanOrEqualTo(1);
        checkRun.Drift.Where(d => d.Sku == sku).ShouldBeEmpty();
        checkRun.Fixes.ShouldBeEmpty();
    }

    private static async Task<ShippingProfileAuditReport> AuditAsync(SyncHarness harness, bool fix)
    {
        var id = await harness.Services.GetRequiredService<ShippingProfileAuditStarter>().StartAsync(Platform.Reverb, fix);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<ShippingProfileAuditReport>()!;
    }

    private static long Profile(Sandbox.Reverb.ReverbSandboxState shop, string sku) =>
        shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["shipping_profile_id"]!.GetValue<long>();

    private static string ReverbId(Sandbox.Reverb.ReverbSandboxState shop, string sku) =>
        shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ReverbSlug(Sandbox.Reverb.ReverbSandboxState shop, string sku) =>
        shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["state"]!["slug"]!.GetValue<string>();

    private static async Task<Product> CreateAsync(SyncHarness harness, string sku, IReadOnlyList<string> reverbAccounts) =>
        await harness.Catalog.CreateAsync(new Product
        {
            Sku = sku, Title = "Gibson Les Paul Goldtop", DescriptionHtml = "<p>1976.</p>", Brand = "Gibson", Model = "Les Paul", Year = 1976,
            BasePrice = 1300m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active, Category = "electric-guitars", ReverbAccounts = reverbAccounts,
            PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
            ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
        }, CatalogActor.Create("test"));

    private static async Task PublishAsync(SyncHarness harness, string sku)
    {
        var id = await harness.Services.GetRequiredService<ProductPublisher>().PublishAsync(sku, Three, CatalogActor.Create("test"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<ProductPushResult>()!.Platforms.ShouldAllBe(p => p.Succeeded);
    }
}
