using System.Text.Json;
using Marketplace.Orchestrations.Hosting;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.VintageAndRare;

/// <summary>Vintage &amp; Rare in the sync workflows: the standalone runtime on Azurite, the sandboxes, real Chromium.</summary>
[Trait("Category", "Integration")]
public sealed class VintageAndRareWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [ChromiumFact]
    public async Task Publish_ListsOnVintageAndRareInTheBackground_FollowsModerationToActive_AndAnEbaySaleEndsIt()
    {
        await using var harness = await VintageAndRareHarness.StartAsync(azurite.Account);
        var sku = "VRW" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await harness.CreateGuitarAsync(sku);
        harness.Site.State.Options.PendingDelay = TimeSpan.FromDays(1);

        var id = await harness.Services.GetRequiredService<ProductPublisher>().PublishAsync(sku, [Platform.Ebay, Platform.VintageAndRare], CatalogActor.Create("test"));
        var push = (await harness.WaitAsync(id)).ReadOutputAs<ProductPushResult>()!;
        var background = StartVintageAndRareListingActivity.InstanceIdFor(id);
        var waiting = await WaitForCustomStatusAsync(harness, background, p => p is { Phase: "moderation", Checks: >= 1 });
        (await harness.Listings.GetAsync(sku, Platform.VintageAndRare))!.Status.ShouldBe(ListingStatus.Pending);
        harness.Site.State.Options.PendingDelay = TimeSpan.Zero;
        var done = (await harness.WaitAsync(background)).ReadOutputAs<VintageAndRareListingProgress>()!;

        push.Platforms.ShouldAllBe(p => p.Succeeded);
        waiting.Status.ShouldBe("PENDING");
        done.Phase.ShouldBe("done");
        done.Status.ShouldBe("ACTIVE");
        var listing = (await harness.Listings.GetAsync(sku, Platform.VintageAndRare))!;
        listing.Status.ShouldBe(ListingStatus.Active);
        listing.ExternalId.ShouldBe(done.Push!.ExternalId);
        harness.Site.State.Listings.Where(l => l.Sku == sku).ShouldHaveSingleItem();

        await harness.Sandboxes.BuyAsync(Platform.Ebay, sku, SyncSeeding.ListedPrice);
        var sale = await SingleSaleAsync(harness.Services.GetRequiredService<SyncConnectors>().Get(Platform.Ebay), sku);
        (await harness.Services.GetRequiredService<SaleStarter>().StartAsync(sale)).ShouldBeTrue();
        var result = (await harness.WaitAsync(SaleStarter.InstanceIdFor(sale))).ReadOutputAs<SaleResult>()!;

        result.Platforms.ShouldContain(p => p.Platform == Platform.VintageAndRare && p.Succeeded);
        (await harness.Connector.FindListingAsync(sku))!.Status.ShouldBe("ENDED");
    }

    [ChromiumFact]
    public async Task Reconciliation_PollsVintageAndRareSalesIntoTheLedgerOnce_AndJudgesListingsMissingFromTheFeed()
    {
        await using var harness = await VintageAndRareHarness.StartAsync(azurite.Account);
        var prefix = "VRR" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string sold = prefix + "-SOLD", corroborated = prefix + "-ENDED", alone = prefix + "-ALONE", listed = prefix + "-LIVE";
        harness.Site.State.Options.PendingDelay = TimeSpan.Zero;
        var actor = CatalogActor.Create("test");
        foreach (var sku in new[] { sold, corroborated, alone, listed })
        {
            var product = await harness.CreateGuitarAsync(sku);
            var made = await harness.Connector.UpsertListingAsync(new ListingDraft
            {
                Sku = sku, Title = product.Title, DescriptionHtml = product.DescriptionHtml, Brand = "Gibson", Model = "Les Paul", Year = 1999,
                Price = SyncSeeding.ListedPrice, Currency = "GBP", Quantity = 1, CategoryId = "electric-guitars-left-handed", ShippingProfileId = "worldwide-insured",
                ImageUrls = [harness.PhotoUrl],
            });
            await harness.Listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = Platform.VintageAndRare, Operation = "create", Succeeded = true, Version = product.Version,
                ExternalId = made.ExternalId, Url = made.Url?.ToString(), RemoteStatus = "ACTIVE",
            }, actor);
        }

        await harness.Listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = corroborated, Platform = Platform.Reverb, Operation = "read", Succeeded = true, ExternalId = "77", RemoteStatus = "ENDED",
        }, actor);
        var site = harness.Site.State;
        site.MarkSold(site.Listings.Single(l => l.Sku == sold), "sold");
        site.MarkSold(site.Listings.Single(l => l.Sku == corroborated), "withdrawn");
        site.MarkSold(site.Listings.Single(l => l.Sku == alone), "withdrawn");
        var starter = harness.Services.GetRequiredService<ReconciliationStarter>();

        var first = await ReconcileAsync(harness, starter);
        var sale = await SingleSaleAsync(harness.Connector, sold);
        await harness.WaitAsync(SaleStarter.InstanceIdFor(sale));
        var second = await ReconcileAsync(harness, starter);

        var vr = first.Platforms.Single(p => p.Platform == Platform.VintageAndRare);
        vr.Error.ShouldBeNull();
        vr.SalesStarted.ShouldBe(1);
        second.Platforms.Single(p => p.Platform == Platform.VintageAndRare).SalesStarted.ShouldBe(0);
        (await harness.Ledger.ListAsync(sold)).Count(e => e.EventId == sale.EventId).ShouldBe(1);
        (await harness.Ledger.GetPositionAsync(sold)).Quantity.ShouldBe(0);
        vr.Drift.ShouldContain(d => d.Sku == corroborated && d.Resolution == "removed");
        (await harness.Listings.GetAsync(corroborated, Platform.VintageAndRare))!.Status.ShouldBe(ListingStatus.Removed);
        vr.Drift.ShouldContain(d => d.Sku == alone && d.Resolution == "review");
        var flagged = (await harness.Listings.GetAsync(alone, Platform.VintageAndRare))!;
        flagged.Status.ShouldBe(ListingStatus.Active, "not removed on the feed's word alone");
        flagged.LastError.ShouldNotBeNull().ShouldContain("review");
        flagged.Flag.ShouldNotBeNull().Reason.ShouldBe(VintageAndRareFeedReconciler.MissingFromFeedFlag);
        (await harness.Listings.GetAsync(corroborated, Platform.VintageAndRare))!.Flag.ShouldBeNull();
        (await harness.Listings.GetAsync(listed, Platform.VintageAndRare))!.Flag.ShouldBeNull();
        vr.Drift.ShouldNotContain(d => d.Sku == listed);
        vr.Drift.ShouldNotContain(d => d.Sku == sold && d.Kind == "MISSING");
    }

    private static async Task<ReconciliationResult> ReconcileAsync(VintageAndRareHarness harness, ReconciliationStarter starter)
    {
        (await starter.StartAsync("test")).ShouldBeTrue();
        return (await harness.WaitAsync(ReconciliationStarter.InstanceId)).ReadOutputAs<ReconciliationResult>()!;
    }

    private static async Task<VintageAndRareListingProgress> WaitForCustomStatusAsync(VintageAndRareHarness harness, string instanceId,
        Func<VintageAndRareListingProgress, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var instance = await harness.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            if (instance is { IsCompleted: true })
            {
                throw new ShouldAssertException($"{instanceId} ended ({instance.RuntimeStatus}) before the awaited status: {instance.SerializedOutput} {instance.FailureDetails}");
            }

            if (instance?.SerializedCustomStatus is { } json && JsonSerializer.Deserialize<VintageAndRareListingProgress>(json, DurableDataConverter.SerializerOptions) is { } progress
                && until(progress))
            {
                return progress;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<SaleEvent> SingleSaleAsync(IMarketplaceConnector connector, string sku)
    {
        var sales = new List<SaleEvent>();
        await foreach (var sale in connector.GetSalesSinceAsync(DateTimeOffset.UtcNow.AddHours(-1)))
        {
            if (sale.Sku == sku)
            {
                sales.Add(sale);
            }
        }

        return sales.ShouldHaveSingleItem();
    }
}
