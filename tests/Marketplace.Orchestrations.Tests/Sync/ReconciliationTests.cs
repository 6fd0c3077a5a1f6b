using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Reconciliation runs against Azurite and the three sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class ReconciliationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Reconciliation_PullsMissedSales_RecordsRemovedListings_EndsSoldOutOnes_AndResumesFromItsCursors()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var prefix = "REC" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string sold = prefix + "-SOLD", removed = prefix + "-GONE", soldOut = prefix + "-ZERO";
        foreach (var sku in new[] { sold, removed, soldOut })
        {
            await harness.ListEverywhereAsync(sku);
        }

        await harness.BuyOnPlatformAsync(Platform.Reverb, sold);
        await harness.Connectors.Get(Platform.Ebay).EndListingAsync(removed, "seller ended it on eBay");
        await harness.Ledger.AppendAsync(new InventoryChange { Sku = soldOut, Delta = -1, Reason = LedgerReason.Adjustment, EventId = prefix + "-adj", Actor = "test" });
        var starter = harness.Services.GetRequiredService<ReconciliationStarter>();

        await harness.StopWorkerAsync();
        (await starter.StartAsync("timer")).ShouldBeTrue();
        (await starter.StartAsync("timer, delivered twice")).ShouldBeFalse();
        await harness.StartReplacementWorkerAsync();
        var first = await WaitAsync(harness);
        var sale = (await harness.PolledSalesAsync(Platform.Reverb, sold, DateTimeOffset.UtcNow.AddHours(-1))).ShouldHaveSingleItem();
        var saleResult = await harness.WaitAsync(sale);
        var second = await RunAsync(harness, starter);

        first.Platforms.ShouldAllBe(p => p.Error == null);
        first.Platforms.Single(p => p.Platform == Platform.Reverb).SalesStarted.ShouldBe(1);
        second.Platforms.Sum(p => p.SalesStarted).ShouldBe(0);
        second.Cursors[Platform.Reverb].ShouldBeGreaterThan(first.Cursors[Platform.Reverb]);
        saleResult.Platforms.ShouldAllBe(p => p.Succeeded);
        first.Platforms.SelectMany(p => p.Drift).ShouldContain(d => d.Sku == removed && d.Platform == Platform.Ebay && d.Resolution == "recorded");
        (await harness.Listings.GetAsync(removed, Platform.Ebay))!.Status.ShouldBe(ListingStatus.Ended);
        (await harness.Listings.GetAsync(removed, Platform.Shopify))!.Status.ShouldBe(ListingStatus.Active);
        foreach (var platform in harness.Connectors.Platforms)
        {
            first.Platforms.Single(p => p.Platform == platform).Drift.ShouldContain(d => d.Sku == soldOut && d.Resolution == "ended");
            var remote = await harness.Connectors.Get(platform).FindListingAsync(soldOut);
            (remote is null || remote.Status != "ACTIVE").ShouldBeTrue($"{platform} still shows {remote?.Status}");
        }
    }

    private static async Task<ReconciliationResult> RunAsync(SyncHarness harness, ReconciliationStarter starter)
    {
        (await starter.StartAsync("test")).ShouldBeTrue();
        return await WaitAsync(harness);
    }

    private static async Task<ReconciliationResult> WaitAsync(SyncHarness harness)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(ReconciliationStarter.InstanceId, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<ReconciliationResult>()!;
    }
}
