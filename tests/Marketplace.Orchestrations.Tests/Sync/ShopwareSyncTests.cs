using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Shopware;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Shopware in the sync workflows end to end: sales both ways and a full push, on Azurite and the four sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SaleOnShopware_PolledFromItsOrders_EndsTheOneOffEverywhereElse()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var sku = "SWS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);

        await harness.BuyOnPlatformAsync(Platform.Shopware, sku);
        var sale = (await harness.PolledSalesAsync(Platform.Shopware, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        result.Quantity.ShouldBe(0);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe([Platform.Shopify, Platform.Ebay, Platform.Reverb]);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.End);
        (await harness.Listings.GetAsync(sku, Platform.Shopware))!.Status.ShouldBe(ListingStatus.Sold);
        (await harness.Ledger.ListAsync(sku)).ShouldContain(e => e.Reason == LedgerReason.Sale && e.EventId == sale.EventId);
    }

    [Fact]
    public async Task AppWebhook_OfASignedOrder_GivesTheSameEventIdsAsThePolledOrder()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var sku = "SWH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku, quantity: 3, stocked: true);

        var (body, signature) = await harness.BuyOnPlatformAsync(Platform.Shopware, sku);
        var sales = await harness.Services.GetRequiredService<SaleWebhookReader>().ReadAsync("shopware", _ => null, body);

        var secret = System.Text.Encoding.UTF8.GetBytes(harness.Sandboxes.Shopware!.State.Options.AppSecret);
        signature.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, body)));
        var polled = await harness.PolledSalesAsync(Platform.Shopware, sku, since);
        sales.Select(s => s.EventId).ShouldBe(polled.Select(s => s.EventId));
        sales.ShouldHaveSingleItem().Sku.ShouldBe(sku);
        var other = await harness.Services.GetRequiredService<SaleWebhookReader>().ReadAsync("shopware", _ => null, """{"data":{"event":"product.written","payload":{}}}"""u8.ToArray());
        other.ShouldBeEmpty();
    }

    [Fact]
    public async Task SaleOnReverb_TakesTheShopwareProductsStockToZero()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var sku = "SWR-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);
        harness.Sandboxes.Shopware!.State.ProductByNumber(sku)!["stock"]!.GetValue<int>().ShouldBe(1);

        await harness.BuyOnPlatformAsync(Platform.Reverb, sku);
        var sale = (await harness.PolledSalesAsync(Platform.Reverb, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Platforms.ShouldContain(p => p.Platform == Platform.Shopware && p.Succeeded && p.Action == StockAction.End);
        harness.Sandboxes.Shopware.State.ProductByNumber(sku)!["stock"]!.GetValue<int>().ShouldBe(0);
        (await harness.Listings.GetAsync(sku, Platform.Shopware))!.Status.ShouldBe(ListingStatus.Ended);
        (await harness.Connectors.Get(Platform.Shopware).FindListingAsync(sku))!.Status.ShouldBe("SOLD");
    }

    [Fact]
    public async Task FullPush_ToShopware_ListsEachProductOnce_AndAnIncrementalRunWritesNothing()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var shopware = harness.Sandboxes.Shopware!.State;
        var skus = await SyncSeeding.CreateProductsAsync(harness.Services, "SWF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), 12);
        var starter = harness.Services.GetRequiredService<FullSyncStarter>();

        var first = await RunAsync(harness, await starter.StartAsync(new FullSyncRequest { Platforms = [Platform.Shopware], BatchSize = 5 }));
        var writes = shopware.Writes.Count;
        var second = await RunAsync(harness, await starter.StartAsync(new FullSyncRequest { Platforms = [Platform.Shopware], Scope = SyncScope.Incremental, BatchSize = 5 }));

        first.Errors.ShouldBeEmpty();
        first.Done.ShouldBe(12);
        // Three pages of five: each page's products go to Shopware in one _action/sync request (the batch connector path).
        shopware.Writes.Count(w => w.Rows.Any(r => r.Entity == "product")).ShouldBe(3);
        second.Errors.ShouldBeEmpty();
        shopware.Writes.Count.ShouldBe(writes);
        foreach (var sku in skus)
        {
            shopware.All("product").Count(p => p["productNumber"]!.GetValue<string>() == sku).ShouldBe(1, sku);
            var listing = (await harness.Listings.GetAsync(sku, Platform.Shopware)).ShouldNotBeNull();
            listing.ExternalId.ShouldBe(ShopwareProductMapper.ProductId(sku));
            listing.LastPushedVersion.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Pull_FromShopware_StagesATitleChangedThere_AsAChangeSet()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var sku = "SWP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku);
        var client = harness.Services.GetRequiredService<ShopwareClient>();
        await client.UpdateProductAsync(ShopwareProductMapper.ProductId(sku), new System.Text.Json.Nodes.JsonObject { ["name"] = "Renamed in Shopware" });

        var state = await RunAsync(harness, await harness.Services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest
        {
            Direction = SyncDirection.Pull, Scope = SyncScope.Selective, Skus = [sku], Platforms = [Platform.Shopware],
        }));

        state.Pull!.Errors.ShouldBeEmpty();
        state.Pull.PerPlatform[Platform.Shopware].Read.ShouldBe(1);
        var changeSets = new List<Shared.Catalog.ChangeSets.ChangeSet>();
        await foreach (var changeSet in harness.Services.GetRequiredService<Shared.Catalog.ChangeSets.ChangeSetService>().ListAsync(sku))
        {
            changeSets.Add(changeSet);
        }

        var staged = changeSets.ShouldHaveSingleItem(string.Join("; ", state.Pull.Changes));
        staged.Source.ShouldBe(Platform.Shopware);
        staged.Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Renamed in Shopware");
    }

    [Fact]
    public async Task Reconciliation_PollsAShopwareOrderTheWebhookMissed_IntoTheSaleWorkflow()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var sku = "SWC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku);
        await harness.BuyOnPlatformAsync(Platform.Shopware, sku);

        (await harness.Services.GetRequiredService<ReconciliationStarter>().StartAsync("test")).ShouldBeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(ReconciliationStarter.InstanceId, getInputsAndOutputs: true, timeout.Token);
        var reconciliation = done.ReadOutputAs<ReconciliationResult>()!;
        var sale = (await harness.PolledSalesAsync(Platform.Shopware, sku, DateTimeOffset.UtcNow.AddHours(-1))).ShouldHaveSingleItem();
        var result = await harness.WaitAsync(sale);

        reconciliation.Platforms.Single(p => p.Platform == Platform.Shopware).SalesStarted.ShouldBe(1);
        reconciliation.Platforms.ShouldAllBe(p => p.Error == null);
        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(0);
    }

    [Fact]
    public async Task BatchedPushToShopware_ShowsWhatItsQuantityRuleAllows()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        await harness.Services.GetRequiredService<QuantityRuleStore>().SetAsync(Platform.Shopware, new QuantityRule(Maximum: 3));
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var skus = new[] { "SWQ-" + tag + "-1", "SWQ-" + tag + "-2" };
        foreach (var sku in skus)
        {
            await harness.Catalog.CreateAsync(SyncSeeding.NewBass(sku, 1) with { Quantity = 10, Stocked = true }, CatalogActor.Create("test"));
        }

        var pushes = skus.Select(sku => new ListingPush(sku, Platform.Shopware, ListingAction.Upsert)).ToList();
        var outcomes = await harness.Services.GetRequiredService<ListingPusher>().PushBatchesAsync(pushes, "test");

        outcomes.Count.ShouldBe(2);
        outcomes.Values.ShouldAllBe(o => o.Outcome.Succeeded);
        foreach (var sku in skus)
        {
            harness.Sandboxes.Shopware!.State.ProductByNumber(sku)!["stock"]!.GetValue<int>().ShouldBe(3);
            (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(10);
        }
    }

    private static async Task<FullSyncState> RunAsync(SyncHarness harness, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<FullSyncState>()!;
    }
}
