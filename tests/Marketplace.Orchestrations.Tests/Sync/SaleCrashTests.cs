using System.Collections.Concurrent;
using Marketplace.DurableWorker;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// Sale propagation run by worker processes (<c>Marketplace.DurableWorker sync</c>, two slots) that are SIGKILLed at
/// random moments and restarted <see cref="Kills"/> times while sales arrive (each webhook delivered twice), then
/// finished by two steady workers. Stocked items (5 each) make a sale applied twice visible: the ledger, the catalog
/// and every other platform must show 4. <c>SYNC_CRASH_SALES</c> and <c>SYNC_CRASH_KILLS</c> change the sizes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SaleCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly int Sales = int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_SALES"), out var count) && count >= 3 ? count : 30;
    private static readonly int Kills = int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_KILLS"), out var kills) ? kills : 25;

    [Fact]
    public async Task Sales_WithWorkersKilledOverAndOver_EachApplyOnce_AndReachEveryOtherPlatform()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        var settings = new SyncWorkerSettings(sandboxes.Endpoints, AzuriteFixture.UniqueName("crashsale"), AzuriteFixture.UniqueName("salehub"), ShopifyBulkThreshold: 1000);
        await using var services = settings.BuildServices(azurite.Account);
        var prefix = "KS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var skus = Enumerable.Range(0, Sales).Select(i => $"{prefix}-{i:D3}").ToList();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (sku, ct) =>
            await SyncSeeding.ListEverywhereAsync(services, sandboxes, sku, quantity: 5, stocked: true, cancellationToken: ct));
        sandboxes.SetLatency(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var killer = new SyncWorkerKiller(azurite.ConnectionString, settings, seed);
        var client = services.GetRequiredService<DurableTaskClient>();
        var reader = services.GetRequiredService<SaleWebhookReader>();
        var starter = services.GetRequiredService<SaleStarter>();
        var started = new ConcurrentDictionary<string, (SaleEvent Sale, Platform Source)>();
        // The kills start a worker process each: on a loaded machine they take minutes, so finishing has its own budget.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));

        // Sales arrive while workers die: one every 400 ms, sources rotating, each webhook delivered twice.
        var arrivals = Task.Run(async () =>
        {
            var platforms = new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb };
            for (var i = 0; i < Sales; i++)
            {
                var webhook = await sandboxes.BuyAsync(platforms[i % 3], skus[i], SyncSeeding.ListedPrice, timeout.Token);
                var sale = (await reader.ReadAsync(webhook.Platform.ToWire(), webhook.Header, webhook.Body, timeout.Token)).ShouldHaveSingleItem();
                var first = await starter.StartAsync(sale, timeout.Token);
                var again = await starter.StartAsync(sale, timeout.Token);
                (first && !again).ShouldBeTrue($"{sale.EventId} started {first}/{again}");
                started[sale.Sku] = (sale, webhook.Platform);
                await Task.Delay(400, timeout.Token);
            }
        });
        await killer.KillAsync(slots: 2, Kills, () => false, timeout.Token);
        output.WriteLine($"{killer.Kills} kills while {started.Count} of {Sales} sales arrived");
        using (await killer.StartAsync("w0", timeout.Token))
        using (await killer.StartAsync("w1", timeout.Token))
        {
            await arrivals;
            using var finishing = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            foreach (var (sku, (sale, source)) in started)
            {
                var done = await client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), getInputsAndOutputs: true, finishing.Token);
                done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{sku}: {done.FailureDetails}");
                var result = done.ReadOutputAs<SaleResult>()!;
                // A killed worker may have appended the sale before the activity ran again: the ledger then says Duplicate.
                result.Outcome.ShouldBeOneOf(LedgerOutcome.Applied, LedgerOutcome.Duplicate);
                result.Quantity.ShouldBe(4, sku);
                // Stock is left, so the source gets the catalog's quantity too.
                result.Platforms.Select(p => p.Platform).Order().ShouldBe(new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb }.Order(), sku);
                result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.SetQuantity);
            }
        }

        started.Count.ShouldBe(Sales);
        var ledger = services.GetRequiredService<InventoryLedger>();
        var catalog = services.GetRequiredService<ProductCatalog>();
        foreach (var (sku, (sale, source)) in started)
        {
            var entries = await ledger.ListAsync(sku);
            entries.Where(e => e.Reason == LedgerReason.Sale).ShouldHaveSingleItem($"{sku}: sales in the ledger").EventId.ShouldBe(sale.EventId);
            (await catalog.GetAsync(sku))!.Quantity.ShouldBe(4, sku);
            sandboxes.Shop.CountWithSku(sku).ShouldBe(1, sku);
            sandboxes.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1, sku);
            sandboxes.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1, sku);
            foreach (var platform in Others(source))
            {
                RemoteQuantity(sandboxes, platform, sku).ShouldBe(4, $"{sku} on {platform}");
            }
        }

        killer.Kills.ShouldBeGreaterThanOrEqualTo(Kills);
    }

    private static int? RemoteQuantity(SyncSandboxes sandboxes, Platform platform, string sku) => platform switch
    {
        Platform.Shopify => sandboxes.Shop.AvailableFor(sku),
        Platform.Ebay => sandboxes.EbayReverb.Ebay.GetItem(sku)?["availability"]?["shipToLocationAvailability"]?["quantity"]?.GetValue<int>(),
        _ => sandboxes.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Single()["inventory"]?.GetValue<int>(),
    };

    private static IEnumerable<Platform> Others(Platform source) => new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb }.Where(p => p != source).Order();
}
