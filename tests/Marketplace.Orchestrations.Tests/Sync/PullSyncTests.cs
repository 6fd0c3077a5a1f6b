using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Full sync PULL and BIDIRECTIONAL on Azurite against in-memory platforms.</summary>
[Trait("Category", "Integration")]
public sealed class PullSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Pull_TitleChangedOnOnePlatform_StagesExactlyThatChange()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(3);
        harness.Ebay.Edit(skus[1], l => l with { Title = "Gibson Les Paul Custom, renamed on eBay" });

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 });

        var changeSet = (await harness.ChangeSetsAsync(skus)).ShouldHaveSingleItem();
        changeSet.Sku.ShouldBe(skus[1]);
        changeSet.Source.ShouldBe(Platform.Ebay);
        changeSet.Status.ShouldBe(ChangeSetStatus.Pending);
        changeSet.Changes.ShouldHaveSingleItem().Field.ShouldBe("title");
        changeSet.Changes[0].After!.GetValue<string>().ShouldBe("Gibson Les Paul Custom, renamed on eBay");
        (await harness.Catalog.GetAsync(skus[1]))!.Title.ShouldBe($"Gibson Les Paul {skus[1]}");
        state.Completed.ShouldBeTrue();
        state.Pull!.PerPlatform[Platform.Ebay].Read.ShouldBe(3);
        state.Pull.PerPlatform[Platform.Ebay].Review.ShouldBe(1);
        state.Pull.PerPlatform[Platform.Reverb].Read.ShouldBe(3);
        state.Pull.Changes.ShouldHaveSingleItem().Outcome.ShouldBe("REVIEW");
        harness.PlatformWrites.ShouldBe(0);
    }

    [Fact]
    public async Task Pull_All_RecordsListingsGoneFromThePlatform_StatusChangesThere_AndLinksOnesTheCatalogDidNotKnow()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(3);
        harness.Ebay.Delete(skus[0]);
        harness.Reverb.Seed("not/a catalog#sku?", "Someone else's", 5m, 1);
        var unlinked = (await harness.ListAsync(1))[0];
        await harness.Listings.RecordAttemptAsync(new Marketplace.Shared.Catalog.Listings.ListingAttemptReport
        {
            Sku = unlinked, Platform = Platform.Reverb, Operation = "read", Succeeded = true, RemoteStatus = "REMOVED",
        }, CatalogActor.Create("test"));
        var product = await harness.Catalog.CreateAsync(new Marketplace.Shared.Catalog.Products.Product
        {
            Sku = unlinked + "-NEW", Title = "Listed by hand on eBay", BasePrice = 500m, Currency = "EUR", Quantity = 1,
            Status = Marketplace.Shared.Catalog.Products.ProductStatus.Active,
        }, CatalogActor.Create("test"));
        harness.Ebay.Seed(product.Sku, product.Title, 500m, 1, description: string.Empty);

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, BatchSize = 2 });

        (await harness.Listings.GetAsync(skus[0], Platform.Ebay))!.Status.ShouldBe(Marketplace.Shared.Catalog.Listings.ListingStatus.Removed);
        (await harness.Listings.GetAsync(skus[0], Platform.Reverb))!.Status.ShouldBe(Marketplace.Shared.Catalog.Listings.ListingStatus.Active);
        (await harness.Listings.GetAsync(unlinked, Platform.Reverb))!.Status.ShouldBe(Marketplace.Shared.Catalog.Listings.ListingStatus.Active);
        var linked = (await harness.Listings.GetAsync(product.Sku, Platform.Ebay))!;
        linked.ExternalId.ShouldBe("ebay-" + product.Sku);
        linked.Status.ShouldBe(Marketplace.Shared.Catalog.Listings.ListingStatus.Active);
        state.Pull!.Changes.Select(c => (c.Sku, c.Platform, c.Kind)).Order()
            .ShouldBe(new[] { (skus[0], Platform.Ebay, "MISSING"), (unlinked, Platform.Reverb, "STATUS"), (product.Sku, Platform.Ebay, "LINK"), ("not/a catalog#sku?", Platform.Reverb, "EXTRA") }.Order());
        state.Pull.Errors.ShouldBeEmpty();
        state.Pull.PerPlatform[Platform.Ebay].Recorded.ShouldBe(2);
        (await harness.ChangeSetsAsync([.. skus, unlinked, product.Sku])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pull_PriceWithinTheRuleAndThreshold_IsAppliedAsBasePrice_AndQuantityDecreaseApplied()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(2, quantity: 3, stocked: true);
        harness.Ebay.Edit(skus[0], l => l with { Price = 1155m }); // eBay sells at base + 10%: 1155 means a base of 1050 (+5%)
        harness.Reverb.Edit(skus[1], l => l with { Quantity = 2 });

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull });

        (await harness.Catalog.GetAsync(skus[0]))!.BasePrice.ShouldBe(1050m);
        (await harness.Catalog.GetAsync(skus[1]))!.Quantity.ShouldBe(2);
        var sets = await harness.ChangeSetsAsync(skus);
        sets.Count.ShouldBe(2);
        sets.ShouldAllBe(c => c.Status == ChangeSetStatus.Applied);
        state.Pull!.PerPlatform[Platform.Ebay].Applied.ShouldBe(1);
        state.Pull.PerPlatform[Platform.Reverb].Applied.ShouldBe(1);
    }

    [Fact]
    public async Task Pull_APriceEditedOnEbay_IsNotUndoneByReverb_WhichStillShowsTheLastPush()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var sku = (await harness.ListAsync(1, quantity: 3, stocked: true))[0];
        harness.Ebay.Edit(sku, l => l with { Price = 1155m }); // a base of 1050 after eBay's +10%

        // Reverb is read after eBay's edit was applied, as a pull may order them: it shows the last push (1000), not an edit.
        await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Platforms = [Platform.Ebay] });
        (await harness.Catalog.GetAsync(sku))!.BasePrice.ShouldBe(1050m);
        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Platforms = [Platform.Reverb] });

        (await harness.Catalog.GetAsync(sku))!.BasePrice.ShouldBe(1050m);
        state.Pull!.Changes.ShouldBeEmpty(string.Join("; ", state.Pull.Changes));
        (await harness.ChangeSetsAsync([sku])).ShouldHaveSingleItem().Source.ShouldBe(Platform.Ebay);
    }

    [Fact]
    public async Task Pull_DryRun_ReportsTheChanges_AndChangesNothingAnywhere()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(3, quantity: 3, stocked: true);
        harness.Ebay.Edit(skus[0], l => l with { Title = "Renamed on eBay", Price = 1155m });
        harness.Reverb.Edit(skus[1], l => l with { Quantity = 1 });
        harness.Reverb.Edit(skus[2], l => l with { Quantity = 0, Status = "ENDED" });
        harness.Reverb.Seed("NOT-IN-CATALOG-" + skus[2], "Someone else's guitar", 10m, 1);
        harness.Ebay.Delete(skus[2]);
        var before = new List<object>();
        foreach (var sku in skus)
        {
            before.Add((await harness.Catalog.GetAsync(sku))!);
            before.AddRange(await harness.Listings.ListAsync(sku));
        }

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, DryRun = true, BatchSize = 2 });

        state.Pull!.Changes.Select(c => (c.Sku, c.Platform, c.Kind, c.Field, c.Outcome)).Order().ShouldBe(new[]
        {
            (skus[0], Platform.Ebay, "FIELD", (string?)"basePrice", "WOULD_APPLY"),
            (skus[0], Platform.Ebay, "FIELD", "title", "WOULD_REVIEW"),
            (skus[1], Platform.Reverb, "FIELD", "quantity", "WOULD_APPLY"),
            (skus[2], Platform.Reverb, "STATUS", null, "WOULD_RECORD"),
            ("NOT-IN-CATALOG-" + skus[2], Platform.Reverb, "EXTRA", null, "WOULD_RECORD"),
            (skus[2], Platform.Ebay, "MISSING", null, "WOULD_RECORD"),
        }.Order());
        var after = new List<object>();
        foreach (var sku in skus)
        {
            after.Add((await harness.Catalog.GetAsync(sku))!);
            after.AddRange(await harness.Listings.ListAsync(sku));
        }

        after.Count.ShouldBe(before.Count);
        for (var i = 0; i < after.Count; i++)
        {
            System.Text.Json.JsonSerializer.Serialize(after[i]).ShouldBe(System.Text.Json.JsonSerializer.Serialize(before[i]));
        }

        (await harness.ChangeSetsAsync(skus)).ShouldBeEmpty();
        (await harness.Cursors.GetAsync(Platform.Ebay)).ShouldBeNull();
        (await harness.Cursors.GetAsync(Platform.Reverb)).ShouldBeNull();
        harness.PlatformWrites.ShouldBe(0);
    }

    [Fact]
    public async Task Pull_Incremental_TouchesOnlyListingsUpdatedSinceTheCursor()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(4);
        harness.Ebay.Edit(skus[0], l => l with { Title = "First rename" });
        var first = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Scope = SyncScope.Incremental });
        var cursor = await harness.Cursors.GetAsync(Platform.Ebay);
        var untouched = (await harness.Listings.GetAsync(skus[3], Platform.Ebay))!;
        harness.Ebay.Edit(skus[2], l => l with { Title = "Second rename" });

        var second = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Scope = SyncScope.Incremental, BatchSize = 1 });

        first.Pull!.PerPlatform[Platform.Ebay].Read.ShouldBe(4);
        cursor!.Sku.ShouldBe(skus[0]);
        second.Pull!.PerPlatform[Platform.Ebay].Read.ShouldBe(1);
        second.Pull.PerPlatform[Platform.Ebay].Total.ShouldBe(1);
        second.Pull.PerPlatform[Platform.Reverb].Read.ShouldBe(0);
        (await harness.Cursors.GetAsync(Platform.Ebay))!.Sku.ShouldBe(skus[2]);
        var sets = await harness.ChangeSetsAsync(skus);
        sets.Select(c => c.Sku).Order().ShouldBe(new[] { skus[0], skus[2] });
        (await harness.Listings.GetAsync(skus[3], Platform.Ebay))!.LastSeenAt.ShouldBe(untouched.LastSeenAt);
    }

    [Fact]
    public async Task Pull_SelectiveOneSku_TouchesOnlyThatSku()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account);
        var skus = await harness.ListAsync(3);
        foreach (var sku in skus)
        {
            harness.Ebay.Edit(sku, l => l with { Title = "Renamed " + sku });
        }

        harness.Reverb.Delete(skus[1]);
        var others = new[] { skus[0], skus[2] };
        var before = await harness.ChangeSetsAsync(others);
        var seenBefore = new Dictionary<string, DateTimeOffset?>();
        foreach (var sku in others)
        {
            seenBefore[sku] = (await harness.Listings.GetAsync(sku, Platform.Ebay))!.LastSeenAt;
        }

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Pull, Scope = SyncScope.Selective, Skus = [skus[1]] });

        var changeSet = (await harness.ChangeSetsAsync(skus)).ShouldHaveSingleItem();
        changeSet.Sku.ShouldBe(skus[1]);
        (await harness.ChangeSetsAsync(others)).Count.ShouldBe(before.Count);
        (await harness.Listings.GetAsync(skus[1], Platform.Reverb))!.Status.ShouldBe(Marketplace.Shared.Catalog.Listings.ListingStatus.Removed);
        foreach (var sku in others)
        {
            (await harness.Listings.GetAsync(sku, Platform.Ebay))!.LastSeenAt.ShouldBe(seenBefore[sku]);
        }

        state.Pull!.PerPlatform.Values.ShouldAllBe(p => p.Read == 1);
        (await harness.Cursors.GetAsync(Platform.Ebay)).ShouldBeNull();
    }

    [Fact]
    public async Task Bidirectional_PullsThenPushesWhatTheCatalogOwns()
    {
        await using var harness = await PullHarness.StartAsync(azurite.Account, rules => rules with { AutoApproveFields = new HashSet<string> { "title" } });
        var skus = await harness.ListAsync(2);
        harness.Ebay.Edit(skus[0], l => l with { Title = "Renamed on eBay", DescriptionHtml = "<p>eBay's own words.</p>" });

        var state = await harness.SyncAsync(new FullSyncRequest { Direction = SyncDirection.Bidirectional });

        var product = (await harness.Catalog.GetAsync(skus[0]))!;
        product.Title.ShouldBe("Renamed on eBay");
        product.DescriptionHtml.ShouldBe("<p>1978.</p>");
        harness.Reverb[skus[0]]!.Title.ShouldBe("Renamed on eBay");
        harness.Ebay[skus[0]]!.DescriptionHtml.ShouldBe("<p>1978.</p>");
        harness.Reverb[skus[1]]!.Title.ShouldBe($"Gibson Les Paul {skus[1]}");
        state.Completed.ShouldBeTrue();
        state.Pull!.Completed.ShouldBeTrue();
        state.PerPlatform.Values.Sum(p => p.Updated).ShouldBe(2);
        (await harness.ChangeSetsAsync(skus)).Select(c => c.Status).Order().ShouldBe(new[] { ChangeSetStatus.Rejected, ChangeSetStatus.Applied }.Order());
    }
}
