using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Full push syncs (all, incremental, selective, dry run) against Azurite and the three sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class FullSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Platform[] Three = [Platform.Shopify, Platform.Ebay, Platform.Reverb];

    [Fact]
    public async Task DryRun_ReportsEveryCreate_AndChangesNothingAnywhere()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var skus = await CreateAsync(harness, 3);

        var state = await RunAsync(harness, new FullSyncRequest { DryRun = true, BatchSize = 2 });

        state.Completed.ShouldBeTrue();
        state.Pages.ShouldBe(2);
        state.Done.ShouldBe(3);
        state.ChangeCount.ShouldBe(9);
        state.Changes.ShouldAllBe(c => c.Action == "create");
        state.Changes.Select(c => (c.Sku, c.Platform)).Order().ShouldBe(skus.SelectMany(s => Three.Select(p => (s, p))).Order());
        foreach (var sku in skus)
        {
            (await harness.Listings.ListAsync(sku)).ShouldBeEmpty();
            harness.Shop.CountWithSku(sku).ShouldBe(0);
            harness.EbayReverb.Ebay.OffersFor(sku).ShouldBeEmpty();
            harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task FullPushInPages_ListsEverySkuOncePerPlatform_ThenIncrementalTouchesOnlyTheChangedOne()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var skus = await CreateAsync(harness, 5);

        var full = await RunAsync(harness, new FullSyncRequest { BatchSize = 2 });
        var again = await RunAsync(harness, new FullSyncRequest { BatchSize = 2 });
        var product = (await harness.Catalog.GetAsync(skus[3]))!;
        await harness.Catalog.UpdateAsync(product with { BasePrice = 1500m }, product.Version, CatalogActor.Create("test"));
        var incremental = await RunAsync(harness, new FullSyncRequest { Scope = SyncScope.Incremental, BatchSize = 2 });

        full.Pages.ShouldBe(3);
        full.Done.ShouldBe(5);
        full.Errors.ShouldBeEmpty();
        full.PerPlatform.Values.ShouldAllBe(p => p.Created == 5 && p.Failed == 0);
        again.ChangeCount.ShouldBe(0);
        incremental.Changes.ShouldAllBe(c => c.Sku == skus[3] && c.Action == "update");
        incremental.ChangeCount.ShouldBe(3);
        foreach (var sku in skus)
        {
            harness.Shop.CountWithSku(sku).ShouldBe(1);
            harness.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1);
            harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1);
        }

        (await harness.Listings.GetAsync(skus[3], Platform.Ebay))!.LastPushedVersion.ShouldBe(2);
        (await harness.Listings.GetAsync(skus[2], Platform.Ebay))!.LastPushedVersion.ShouldBe(1);
    }

    [Fact]
    public async Task FullPushAboveTheShopifyBulkThreshold_ListsEveryProductOnceOnShopify_ThroughTheBulkImport()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopifyBulkThreshold: 3);
        var skus = await CreateAsync(harness, 6);

        var state = await RunAsync(harness, new FullSyncRequest { BatchSize = 3, Platforms = [Platform.Shopify] });
        var again = await RunAsync(harness, new FullSyncRequest { BatchSize = 3, Platforms = [Platform.Shopify] });

        state.Errors.ShouldBeEmpty();
        state.PerPlatform[Platform.Shopify].Created.ShouldBe(6);
        harness.Shop.BulkOperations.Count.ShouldBe(2);
        again.ChangeCount.ShouldBe(0);
        foreach (var sku in skus)
        {
            harness.Shop.CountWithSku(sku).ShouldBe(1);
            var listing = (await harness.Listings.GetAsync(sku, Platform.Shopify))!;
            listing.ExternalId.ShouldNotBeNullOrEmpty();
            listing.LastPushedVersion.ShouldBe(1);
        }
    }

    [Fact]
    public async Task SelectiveSyncOfOneSku_OnOnePlatform_TouchesOnlyThatSku()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var skus = await CreateAsync(harness, 3);

        var state = await RunAsync(harness, new FullSyncRequest { Scope = SyncScope.Selective, Skus = [skus[1]], Platforms = [Platform.Reverb] });

        state.Changes.ShouldBe([new SyncChange(skus[1], Platform.Reverb, "create")]);
        harness.EbayReverb.Reverb.FindBySku(skus[1], liveOnly: false).Count.ShouldBe(1);
        harness.EbayReverb.Reverb.FindBySku(skus[0], liveOnly: false).ShouldBeEmpty();
        harness.EbayReverb.Reverb.FindBySku(skus[2], liveOnly: false).ShouldBeEmpty();
        harness.Shop.CountWithSku(skus[1]).ShouldBe(0);
        (await harness.Listings.ListAsync(skus[0])).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithTwentyPercentFaults_TheFullPushCompletes_AndTheAttemptLogShowsTheRetries()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, connectorRetries: 0);
        var skus = await CreateAsync(harness, 4);
        harness.InjectFaults(0.2);

        var state = await RunAsync(harness, new FullSyncRequest { BatchSize = 2 });
        harness.InjectFaults(0);

        state.Errors.ShouldBeEmpty();
        var failed = 0;
        foreach (var sku in skus)
        {
            harness.Shop.CountWithSku(sku).ShouldBe(1);
            harness.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1);
            harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1);
            foreach (var listing in await harness.Listings.ListAsync(sku))
            {
                listing.Attempts[^1].Succeeded.ShouldBeTrue();
                failed += listing.Attempts.Count(a => !a.Succeeded);
            }
        }

        failed.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task FullPush_WithTheWorkerReplacedMidRun_CompletesWithEverySkuListedOncePerPlatform_AndProgressNeverGoesBack()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var skus = await CreateAsync(harness, 12);
        harness.SetLatency(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        var id = await harness.Services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = 2 });
        var seen = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (seen.Count == 0 || seen[^1] < 2)
        {
            var status = (await harness.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token))?.ReadCustomStatusAs<FullSyncState>();
            seen.Add(status?.Done ?? 0);
            await Task.Delay(50, timeout.Token);
        }

        await harness.StopWorkerAsync();
        (await harness.Client.GetInstanceAsync(id))!.IsCompleted.ShouldBeFalse(string.Join(",", seen));
        await harness.StartReplacementWorkerAsync();
        OrchestrationMetadata? done;
        do
        {
            done = await harness.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
            seen.Add(done?.ReadCustomStatusAs<FullSyncState>()?.Done ?? 0);
            await Task.Delay(100, timeout.Token);
        }
        while (done is null || !done.IsCompleted);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<FullSyncState>()!.Done.ShouldBe(12);
        seen.ShouldBe(seen.Order().ToList());
        foreach (var sku in skus)
        {
            harness.Shop.CountWithSku(sku).ShouldBe(1);
            harness.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1);
            harness.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1);
            (await harness.Listings.ListAsync(sku)).Count.ShouldBe(3);
        }
    }

    private static async Task<List<string>> CreateAsync(SyncHarness harness, int count)
    {
        var prefix = "FS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sku = $"{prefix}-{i}";
            await harness.Catalog.CreateAsync(new Product
            {
                Sku = sku, Title = $"Fender Jazz Bass {i}", DescriptionHtml = "<p>1966.</p>", Brand = "Fender", Model = "Jazz Bass", Year = 1966,
                BasePrice = 1300m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
                PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
                ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
            }, CatalogActor.Create("test"));
            skus.Add(sku);
        }

        return skus;
    }

    private static async Task<FullSyncState> RunAsync(SyncHarness harness, FullSyncRequest request)
    {
        var id = await harness.Services.GetRequiredService<FullSyncStarter>().StartAsync(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<FullSyncState>()!;
    }
}
