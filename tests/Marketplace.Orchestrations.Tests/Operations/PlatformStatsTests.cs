using System.Globalization;
using Marketplace.Orchestrations.Operations.Stats;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>Platform stats pulled from the eBay traffic report and Reverb listing stats into the catalog's stats table; the dead-stock list.</summary>
[Trait("Category", "Integration")]
public sealed class PlatformStatsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Pull_StoresEbayViewsAndReverbViewsAndWatches_ShopifyUnsupported_AndDeadStockListsTheUnviewedUnsoldItem()
    {
        await using var env = await OperationsEnvironment.StartAsync(azurite.Account);
        var popular = "POP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var dusty = "DST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var sold = "SLD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var listings = env.Services.GetRequiredService<ListingStore>();
        foreach (var (sku, ebayViews, reverbViews, watches) in new[] { (popular, 40, 25, 3), (dusty, 2, 1, 0), (sold, 0, 0, 0) })
        {
            await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, sku, images: 1);
            env.Sandboxes.EbayReverb.Ebay.SetListingTraffic((await listings.GetAsync(sku, Platform.Ebay))!.ExternalId!, ebayViews, impressions: ebayViews * 10);
            env.Sandboxes.EbayReverb.Reverb.SetStats(long.Parse((await listings.GetAsync(sku, Platform.Reverb))!.ExternalId!, CultureInfo.InvariantCulture), reverbViews, watches);
        }

        await env.Services.GetRequiredService<InventoryLedger>().AppendAsync(new InventoryChange
        {
            Sku = sold, Delta = -1, Reason = LedgerReason.Sale, EventId = "stats-test-" + sold, Source = Platform.Reverb, OrderId = "R-1",
        });
        var id = await env.Services.GetRequiredService<PlatformStatsStarter>().RunOnceAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await env.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var report = done.ReadOutputAs<PlatformStatsReport>()!;
        report.Platforms.Select(p => (p.Platform, p.Listings, p.Pulled)).ShouldBe([(Platform.Ebay, 3, 3), (Platform.Reverb, 3, 3)]);
        report.Unsupported.ShouldBe([Platform.Shopify]);
        var stats = new List<ListingStats>();
        await foreach (var row in env.Services.GetRequiredService<ListingStatsStore>().ListAsync(popular))
        {
            stats.Add(row);
        }

        stats.Select(s => (s.Platform, s.Views, s.Watches, s.Impressions)).OrderBy(s => s.Platform)
            .ShouldBe([(Platform.Ebay, 40, null, 400), (Platform.Reverb, 25, 3, null)]);
        stats.ShouldAllBe(s => s.ExternalId != null && s.PulledAt > DateTimeOffset.UtcNow.AddMinutes(-10));

        var dead = await env.Services.GetRequiredService<DeadStockReport>().ListAsync(days: 0, maxViews: 10);
        var item = dead.ShouldHaveSingleItem();
        (item.Sku, item.Views, item.Watches, item.LastSaleAt).ShouldBe((dusty, 3, 0, null));
        item.Platforms.Select(p => p.Platform).Order().ShouldBe([Platform.Ebay, Platform.Reverb]);
    }
}
