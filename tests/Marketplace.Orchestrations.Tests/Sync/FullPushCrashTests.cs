using Marketplace.DurableWorker;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A full push to the Shopify, eBay and Reverb sandboxes run by worker processes (<c>Marketplace.DurableWorker sync</c>,
/// two slots) that are SIGKILLed at random moments and restarted, <see cref="Kills"/> times, then finished by two
/// steady workers. The sandboxes and the catalog live outside the workers (sandboxes in this process, catalog and
/// task hub in Azurite), so they keep what a killed worker did. 300 products in pages of 30 (ten ContinueAsNew
/// checkpoints, one Shopify bulk import each); the 10,000-product run is the <c>sync.full.push</c> benchmark's job.
/// <c>SYNC_CRASH_PRODUCTS</c> and <c>SYNC_CRASH_KILLS</c> change the sizes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FullPushCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly int Products = int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_PRODUCTS"), out var count) && count >= 60 ? count : 300;
    private static readonly int Kills = int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_KILLS"), out var kills) ? kills : 25;
    private static readonly int BatchSize = Products >= 1000 ? 100 : 30;

    [Fact]
    public async Task FullPush_WithWorkersKilledOverAndOver_CompletesWithEverySkuListedOncePerPlatform_AndProgressNeverGoesBack()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        var settings = new SyncWorkerSettings(sandboxes.Endpoints, AzuriteFixture.UniqueName("crashsync"), AzuriteFixture.UniqueName("crashhub"), ShopifyBulkThreshold: BatchSize / 2);
        await using var services = settings.BuildServices(azurite.Account);
        var skus = await SyncSeeding.CreateProductsAsync(services, "KP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), Products);
        sandboxes.SetLatency(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(60));
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var killer = new SyncWorkerKiller(azurite.ConnectionString, settings, seed);
        var client = services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6 + (Products / 250)));

        var id = await services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = BatchSize }, timeout.Token);
        var progress = new List<int>();
        var finished = false;
        var doneAtLastKill = 0;
        var watch = WatchAsync();
        await killer.KillAsync(slots: 2, Kills, () => Volatile.Read(ref finished), timeout.Token);
        output.WriteLine($"{killer.Kills} kills; done when they ended: {Volatile.Read(ref doneAtLastKill)} of {Products}");
        using (await killer.StartAsync("w0", timeout.Token))
        using (await killer.StartAsync("w1", timeout.Token))
        {
            await watch;
        }

        var instance = (await client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token))!;
        output.WriteLine($"progress: {string.Join(",", progress.Distinct())}");
        instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ToString());
        var state = instance.ReadOutputAs<FullSyncState>()!;
        state.Errors.ShouldBeEmpty();
        state.Done.ShouldBe(Products);
        progress.ShouldBe(progress.Order().ToList(), "the custom status's done count went backwards");
        var listings = services.GetRequiredService<ListingStore>();
        foreach (var sku in skus)
        {
            sandboxes.Shop.CountWithSku(sku).ShouldBe(1, sku);
            sandboxes.EbayReverb.Ebay.OffersFor(sku).Count.ShouldBe(1, sku);
            sandboxes.EbayReverb.Reverb.FindBySku(sku, liveOnly: false).Count.ShouldBe(1, sku);
            foreach (var platform in (Platform[])[Platform.Shopify, Platform.Ebay, Platform.Reverb])
            {
                var listed = await listings.GetAsync(sku, platform);
                listed.ShouldNotBeNull($"{sku} on {platform}");
                listed.ExternalId.ShouldNotBeNull();
                listed.LastPushedVersion.ShouldBe(1);
            }
        }

        if (Kills > 0)
        {
            killer.Kills.ShouldBeGreaterThanOrEqualTo(Kills, "the push finished before the kills: make it bigger");
        }

        async Task WatchAsync()
        {
            while (true)
            {
                var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
                progress.Add(instance?.ReadCustomStatusAs<FullSyncState>()?.Done ?? 0);
                if (killer.Kills < Kills)
                {
                    Volatile.Write(ref doneAtLastKill, progress[^1]);
                }

                if (instance?.IsCompleted == true)
                {
                    Volatile.Write(ref finished, true);
                    return;
                }

                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
