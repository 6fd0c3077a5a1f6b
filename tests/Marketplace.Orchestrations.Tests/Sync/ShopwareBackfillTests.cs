using Marketplace.DurableWorker;
using Marketplace.Orchestrations.Sync.Shopware;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Shopware;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>The Shopware backfill run by a worker process that is SIGKILLed mid-run, then finished by another.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareBackfillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Products = 60;
    private const int BatchSize = 10;

    [Fact]
    public async Task Backfill_KilledMidRunAndResumed_ListsEachProductOnce()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync(shopware: true);
        var settings = new SyncWorkerSettings(sandboxes.Endpoints, AzuriteFixture.UniqueName("swfill"), AzuriteFixture.UniqueName("swhub"), ShopifyBulkThreshold: 1000);
        await using var services = settings.BuildServices(azurite.Account);
        var skus = await SyncSeeding.CreateProductsAsync(services, "BF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), Products);
        var shopware = sandboxes.Shopware!.State;
        shopware.Options.Faults.MinLatency = TimeSpan.FromMilliseconds(40);
        shopware.Options.Faults.MaxLatency = TimeSpan.FromMilliseconds(80);
        var workers = new SyncWorkerKiller(azurite.ConnectionString, settings, seed: 17);
        var client = services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var first = await workers.StartAsync("w0", timeout.Token);
        (await services.GetRequiredService<ShopwareBackfillStarter>().StartAsync(BatchSize, timeout.Token)).ShouldBe(ShopwareBackfillStart.Started);
        var pagesAtKill = await WaitForPagesAsync(client, 2, timeout.Token);
        first.Kill();
        first.Dispose();
        (await services.GetRequiredService<ShopwareBackfillStarter>().StartAsync(BatchSize, timeout.Token)).ShouldBe(ShopwareBackfillStart.AlreadyRunning);
        using (await workers.StartAsync("w1", timeout.Token))
        {
            var done = await client.WaitForInstanceCompletionAsync(ShopwareBackfillStarter.InstanceId, getInputsAndOutputs: true, timeout.Token);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
            var state = done.ReadOutputAs<ShopwareBackfillState>()!;
            (state.Published, state.Failed).ShouldBe((Products, 0), string.Join("; ", state.Errors));
            state.Pages.ShouldBeInRange(Products / BatchSize, (Products / BatchSize) + 1);
        }

        pagesAtKill.ShouldBeLessThan(Products / BatchSize, "the backfill finished before the kill: make it bigger");
        var numbers = shopware.All("product").Select(p => p["productNumber"]!.GetValue<string>()).ToList();
        numbers.Count.ShouldBe(Products);
        numbers.Order().ShouldBe(skus);
        var listings = services.GetRequiredService<ListingStore>();
        foreach (var sku in skus)
        {
            var listing = (await listings.GetAsync(sku, Platform.Shopware)).ShouldNotBeNull(sku);
            (listing.ExternalId, listing.Status).ShouldBe((ShopwareProductMapper.ProductId(sku), ListingStatus.Active));
        }
    }

    private static async Task<int> WaitForPagesAsync(DurableTaskClient client, int pages, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(ShopwareBackfillStarter.InstanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance?.ReadCustomStatusAs<ShopwareBackfillState>() is { } state && state.Pages >= pages)
            {
                return state.Pages;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
