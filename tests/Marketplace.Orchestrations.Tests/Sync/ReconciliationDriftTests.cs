using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Reconciliation's drift pass (incremental pull with repairs) on Azurite against in-memory platforms.</summary>
[Trait("Category", "Integration")]
public sealed class ReconciliationDriftTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Reconciliation_RepairsDriftPerOwnership_StagesTheRest_AndIsIdempotentWhenRunTwice()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var stocked = (await harness.ListAsync(1, quantity: 2, stocked: true))[0];
        var skus = await harness.ListAsync(3);
        var (soldOut, renamed, repriced) = (skus[0], skus[1], skus[2]);
        harness.Ebay.Edit(stocked, l => l with { Quantity = 5 });
        await harness.Ledger.AppendAsync(new InventoryChange { Sku = soldOut, Delta = -1, Reason = LedgerReason.Adjustment, EventId = soldOut + "-adj", Actor = "test" });
        harness.Ebay.Edit(renamed, l => l with { Title = "Renamed on eBay" });
        harness.Reverb.Edit(repriced, l => l with { Price = 1030m });
        var extra = "EXTRA-" + stocked;
        harness.Reverb.Seed(extra, "Not ours", 10m, 1);

        var first = await harness.ReconcileAsync();
        var writes = harness.PlatformWrites;
        var sets = await harness.ChangeSetsAsync([stocked, .. skus]);
        var second = await harness.ReconcileAsync();

        first.Platforms.ShouldAllBe(p => p.Error == null);
        var drift = first.Platforms.SelectMany(p => p.Drift).ToList();
        drift.ShouldContain(d => d.Sku == stocked && d.Platform == Platform.Ebay && d.Kind == "QUANTITY" && d.Resolution == "pushed");
        harness.Ebay[stocked]!.Quantity.ShouldBe(2);
        harness.Reverb[stocked]!.Quantity.ShouldBe(2);
        foreach (var platform in new[] { Platform.Ebay, Platform.Reverb })
        {
            drift.ShouldContain(d => d.Sku == soldOut && d.Platform == platform && d.Kind == "STATUS" && d.Resolution == "ended");
            (await harness.Listings.GetAsync(soldOut, platform))!.Status.ShouldBe(ListingStatus.Ended);
        }

        harness.Ebay[soldOut]!.Status.ShouldBe("ENDED");
        drift.ShouldContain(d => d.Sku == renamed && d.Kind == "TITLE" && d.Resolution == "review");
        drift.ShouldContain(d => d.Sku == repriced && d.Kind == "PRICE" && d.Resolution == "applied");
        drift.ShouldContain(d => d.Sku == extra && d.Kind == "EXTRA" && d.Resolution == "recorded");
        (await harness.Catalog.GetAsync(repriced))!.BasePrice.ShouldBe(1030m);
        (await harness.Catalog.GetAsync(stocked))!.Quantity.ShouldBe(2);
        sets.Select(c => (c.Sku, c.Status)).Order().ShouldBe(new[] { (renamed, ChangeSetStatus.Pending), (repriced, ChangeSetStatus.Applied) }.Order());
        var audit = new List<AuditRecord>();
        await foreach (var record in harness.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Sku: stocked)))
        {
            audit.Add(record);
        }

        audit.ShouldContain(a => a.Action == "listing.quantity" && a.Platform == Platform.Ebay && a.Outcome == AuditOutcome.Success);

        second.Platforms.ShouldAllBe(p => p.Error == null);
        second.Platforms.SelectMany(p => p.Drift).ShouldBeEmpty(string.Join("; ", second.Platforms.SelectMany(p => p.Drift)));
        harness.PlatformWrites.ShouldBe(writes);
        (await harness.ChangeSetsAsync([stocked, .. skus])).Count.ShouldBe(sets.Count);
    }

    [Fact]
    public async Task Reconciliation_AgainstTheEbayAndReverbSandboxes_PushesTheCatalogStock_AndEndsASoldOutItem()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => PullSandboxTests.AddEbayAndReverb(s, sandboxes.Endpoints));
        var prefix = "RS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var stocked = (await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, prefix + "-STOCK", quantity: 2, stocked: true)).Sku;
        var soldOut = (await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, prefix + "-ONE")).Sku;
        var connectors = harness.Services.GetRequiredService<SyncConnectors>();
        await connectors.Get(Platform.Reverb).SetQuantityAsync(stocked, 5);
        await harness.Ledger.AppendAsync(new InventoryChange { Sku = soldOut, Delta = -1, Reason = LedgerReason.Adjustment, EventId = soldOut + "-adj", Actor = "test" });

        var first = await harness.ReconcileAsync();
        var second = await harness.ReconcileAsync();

        first.Platforms.ShouldAllBe(p => p.Error == null);
        var drift = first.Platforms.SelectMany(p => p.Drift).ToList();
        drift.ShouldContain(d => d.Sku == stocked && d.Platform == Platform.Reverb && d.Kind == "QUANTITY" && d.Resolution == "pushed", string.Join("; ", drift));
        drift.ShouldNotContain(d => d.Sku == stocked && d.Platform == Platform.Ebay);
        (await connectors.Get(Platform.Reverb).FindListingAsync(stocked)).ShouldNotBeNull();
        var reader = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.Pull.SyncReaders>();
        (await reader.Get(Platform.Reverb).GetListingAsync(stocked))!.Quantity.ShouldBe(2);
        foreach (var platform in new[] { Platform.Ebay, Platform.Reverb })
        {
            drift.ShouldContain(d => d.Sku == soldOut && d.Platform == platform && d.Resolution == "ended");
            (await reader.Get(platform).GetListingAsync(soldOut))?.Status.ShouldNotBe("ACTIVE");
        }

        second.Platforms.ShouldAllBe(p => p.Error == null);
        second.Platforms.SelectMany(p => p.Drift).ShouldBeEmpty(string.Join("; ", second.Platforms.SelectMany(p => p.Drift)));
        (await harness.ChangeSetsAsync([stocked, soldOut])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reconciliation_WithAQuantityRule_PushesWhatTheRuleShows_AndStagesNoStockChange()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => PullSandboxTests.AddEbayAndReverb(s, sandboxes.Endpoints));
        var sku = (await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, "RQ" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), quantity: 10, stocked: true)).Sku;
        await harness.Services.GetRequiredService<Marketplace.Shared.Catalog.Products.QuantityRuleStore>().SetAsync(Platform.Reverb, new(Maximum: 3));

        var first = await harness.ReconcileAsync();
        var second = await harness.ReconcileAsync();

        var drift = first.Platforms.SelectMany(p => p.Drift).Where(d => d.Sku == sku).ToList();
        drift.ShouldHaveSingleItem(string.Join("; ", drift)).ShouldBe(new Marketplace.Orchestrations.Sync.Reconciliation.ListingDrift(sku, Platform.Reverb, "QUANTITY", "3 shown of 10 here, 10 there", "pushed"));
        var reader = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.Pull.SyncReaders>();
        (await reader.Get(Platform.Reverb).GetListingAsync(sku))!.Quantity.ShouldBe(3);
        (await reader.Get(Platform.Ebay).GetListingAsync(sku))!.Quantity.ShouldBe(10);
        second.Platforms.SelectMany(p => p.Drift).Where(d => d.Sku == sku).ShouldBeEmpty();
        (await harness.ChangeSetsAsync([sku])).ShouldBeEmpty();
        (await harness.Ledger.GetPositionAsync(sku)).Quantity.ShouldBe(10);
    }

    /// <summary>The catalog owns the description (default rules): a description edited on Reverb is put back, and recorded as rejected.</summary>
    [Fact]
    public async Task Reconciliation_RestoresAFieldTheCatalogOwns_OnThePlatformThatChangedIt()
    {
        await using var sandboxes = await SyncSandboxes.StartAsync();
        await using var harness = await PullHarness.StartAsync(azurite.Account, inMemoryPlatforms: false, services: s => PullSandboxTests.AddEbayAndReverb(s, sandboxes.Endpoints));
        var sku = (await SyncSeeding.ListEverywhereAsync(harness.Services, sandboxes, "RD" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant())).Sku;
        var product = (await harness.Catalog.GetAsync(sku))!;
        var reader = harness.Services.GetRequiredService<Marketplace.Orchestrations.Sync.Pull.SyncReaders>().Get(Platform.Reverb);
        var listed = (await reader.GetListingAsync(sku))!;
        var connectors = harness.Services.GetRequiredService<SyncConnectors>();
        await connectors.Get(Platform.Reverb).UpsertListingAsync(new ListingDraft
        {
            Sku = sku, Title = listed.Title!, DescriptionHtml = "<p>Edited on Reverb.</p>", Price = listed.Price!.Value, Currency = listed.Currency ?? "EUR",
            Quantity = listed.Quantity ?? 1, Condition = "Excellent",
        });

        var first = await harness.ReconcileAsync();
        var second = await harness.ReconcileAsync();

        var drift = first.Platforms.SelectMany(p => p.Drift).ToList();
        drift.ShouldContain(d => d.Sku == sku && d.Platform == Platform.Reverb && d.Kind == "CATALOG_OWNED" && d.Resolution == "pushed", string.Join("; ", drift));
        (await reader.GetListingAsync(sku))!.DescriptionHtml.ShouldBe(product.DescriptionHtml);
        (await harness.ChangeSetsAsync([sku])).ShouldAllBe(c => c.Status == ChangeSetStatus.Rejected);
        second.Platforms.SelectMany(p => p.Drift).Where(d => d.Sku == sku).ShouldBeEmpty(string.Join("; ", second.Platforms.SelectMany(p => p.Drift)));
    }
}
