using Marketplace.EngineWorker;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Tests.Engine;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A full push to the Shopify, eBay and Reverb sandboxes run by a worker process (<c>Marketplace.EngineWorker sync</c>)
/// that the test kills with SIGKILL at five random points and restarts. The sandboxes and the catalog live outside
/// the worker (sandboxes in this process, catalog and task hub in Azurite), so they keep what the killed worker did.
/// The issue asks for 10,000 products; that run takes minutes and is the <c>sync.full.push</c> benchmark's job. Here
/// 300 products in pages of 30 keep the test in the normal suite and still give ten pages (ten ContinueAsNew
/// checkpoints, one Shopify bulk import each) for the kills to fall into; each kill costs the restart plus the
/// in-flight messages' visibility timeout (a few seconds), which does not depend on the product count.
/// <c>SYNC_CRASH_PRODUCTS=10000</c> runs the issue's full size by hand (pages of 100 from 1,000 products on).
/// </summary>
[Trait("Category", "Integration")]
public sealed class FullPushCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly int Products = int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_PRODUCTS"), out var count) && count >= 60 ? count : 300;
    private static readonly int BatchSize = Products >= 1000 ? 100 : 30;
    private const int Kills = 5;

    [Fact]
    public async Task FullPush_WithTheWorkerKilledAtFiveRandomPoints_CompletesWithEverySkuListedOncePerPlatform_AndProgressNeverGoesBack()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        var settings = new SyncWorkerSettings(sandboxes.Endpoints, AzuriteFixture.UniqueName("crashsync"), AzuriteFixture.UniqueName("crashhub"), ShopifyBulkThreshold: BatchSize / 2);
        await using var services = settings.BuildServices(azurite.Account, "crash-test-client");
        await services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        var skus = await SyncSeeding.CreateProductsAsync(services, "KP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), Products);
        sandboxes.SetLatency(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(60));
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        // Five different pages (0-8, so the last page always runs after the last restart), each killed a random moment after it began.
        var killPages = Enumerable.Range(0, (Products / BatchSize) - 1).OrderBy(_ => random.Next()).Take(Kills).Order().ToList();
        output.WriteLine($"seed {seed}; kills in pages {string.Join(", ", killPages)}");

        var client = services.GetRequiredService<DurableTaskClient>();
        var id = await services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = BatchSize });
        var progress = new List<int>();
        var worker = await StartWorkerAsync(settings);
        OrchestrationMetadata? instance;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6 + (Products / 250)));
            var kills = 0;
            while (true)
            {
                instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
                var done = instance?.ReadCustomStatusAs<FullSyncState>()?.Done ?? 0;
                progress.Add(done);
                if (instance?.IsCompleted == true)
                {
                    break;
                }

                if (kills < Kills && done >= killPages[kills] * BatchSize)
                {
                    var delay = random.Next(0, 1500);
                    await Task.Delay(delay, timeout.Token);
                    worker.Dispose();
                    kills++;
                    output.WriteLine($"kill {kills}: {delay} ms after {done} products were done");
                    worker = await StartWorkerAsync(settings);
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        finally
        {
            worker.Dispose();
        }

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
            // Point reads: a partition query is a table scan on Azurite, too slow for 10,000 SKUs.
            foreach (var platform in (Platform[])[Platform.Shopify, Platform.Ebay, Platform.Reverb])
            {
                var listed = await listings.GetAsync(sku, platform);
                listed.ShouldNotBeNull($"{sku} on {platform}");
                listed.ExternalId.ShouldNotBeNull();
                listed.LastPushedVersion.ShouldBe(1);
            }
        }
    }

    /// <summary>The same worker id each time: a restarted worker gets its partitions back at once instead of after the lease expires.</summary>
    private Task<WorkerProcess> StartWorkerAsync(SyncWorkerSettings settings) =>
        WorkerProcess.StartAsync(azurite.ConnectionString, "sync-worker", ["sync", "sync-worker"], [new(SyncWorkerSettings.Variable, settings.ToJson())]);
}
