using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

[Trait("Category", "Integration")]
public sealed class ChangeSetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<Product> SeedListedAsync(CatalogTestHost host)
    {
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 6, stocked: true), CatalogTestHost.Actor);
        await host.Listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku,
            Platform = Platform.Reverb,
            Operation = "create",
            Succeeded = true,
            Version = 1,
            ExternalId = "rv-1",
            RemoteStatus = "live",
            RemoteSnapshot = new JsonObject { ["title"] = product.Title, ["basePrice"] = product.BasePrice, ["quantity"] = 6 },
        }, CatalogTestHost.Actor);
        return product;
    }

    [Fact]
    public async Task Stage_AppliesQuantityDecreaseAtOnce_AndStagesBigPriceChange()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await SeedListedAsync(host);

        var result = await host.ChangeSets.StageAsync(new StageRequest(product.Sku,
            new JsonObject { ["quantity"] = 4, ["basePrice"] = 1500m, ["title"] = product.Title }, Platform.Reverb, "pull"), CatalogTestHost.Actor);

        result.Applied.ShouldNotBeNull().Status.ShouldBe(ChangeSetStatus.Applied);
        result.Review.ShouldNotBeNull().Changes.ShouldHaveSingleItem().Field.ShouldBe("basePrice");
        var now = (await host.Products.GetAsync(product.Sku))!;
        (now.Quantity, now.BasePrice, now.Version).ShouldBe((4, product.BasePrice, 1L));
        (await host.Ledger.ListAsync(product.Sku)).Last().Reason.ShouldBe(LedgerReason.SyncCorrection);
        (await host.Listings.GetAsync(product.Sku, Platform.Reverb))!.LastSeenRemote!["basePrice"]!.GetValue<decimal>().ShouldBe(1500m);

        var repeat = await host.ChangeSets.StageAsync(new StageRequest(product.Sku, new JsonObject { ["basePrice"] = 1500m }, Platform.Reverb, "pull"), CatalogTestHost.Actor);
        (repeat.Applied, repeat.Review).ShouldBe((null, null));
    }

    [Fact]
    public async Task ApproveApplyRollback_RestoresExactPreviousVersion_AndQueuesPushes()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await SeedListedAsync(host);
        var staged = (await host.ChangeSets.StageAsync(new StageRequest(product.Sku,
            new JsonObject { ["basePrice"] = 1999m, ["title"] = "Fender Strat '62 (refret)", ["quantity"] = 9 }, Platform.Reverb, "pull"), CatalogTestHost.Actor)).Review!;
        staged.Changes.Count.ShouldBe(3);

        var approved = await host.ChangeSets.DecideAsync(product.Sku, staged.Id, approve: true, CatalogTestHost.Actor);
        approved.Status.ShouldBe(ChangeSetStatus.Approved);
        var applied = await host.ChangeSets.ApplyAsync(product.Sku, staged.Id, CatalogTestHost.Actor);
        var after = (await host.Products.GetAsync(product.Sku))!;
        (after.Title, after.BasePrice, after.Quantity, after.Version).ShouldBe(("Fender Strat '62 (refret)", 1999m, 9, 2L));
        (applied.VersionBeforeApply, applied.AppliedVersion).ShouldBe((1L, 2L));

        var rolledBack = await host.ChangeSets.RollbackAsync(product.Sku, staged.Id, CatalogTestHost.Actor);

        rolledBack.Status.ShouldBe(ChangeSetStatus.RolledBack);
        var restored = (await host.Products.GetAsync(product.Sku))!;
        restored.Version.ShouldBe(3);
        restored.Quantity.ShouldBe(6);
        var original = (await host.Products.GetVersionAsync(product.Sku, 1))!;
        CatalogJson.Serialize(restored with { Version = 1, UpdatedAt = default, Quantity = 0 })
            .ShouldBe(CatalogJson.Serialize(original with { UpdatedAt = default }));
        var pushes = (await host.Dispatcher.ListAsync(product.Sku)).Where(e => e.Orchestrator == Marketplace.Shared.Catalog.Outbox.CatalogOrchestrators.PushProduct).ToList();
        pushes.Count.ShouldBe(3);
        await Should.ThrowAsync<CatalogConflictException>(() => host.ChangeSets.RollbackAsync(product.Sku, staged.Id, CatalogTestHost.Actor));
    }

    [Fact]
    public async Task Reject_LeavesProductUnchanged_AndCannotBeApplied()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await SeedListedAsync(host);
        var staged = (await host.ChangeSets.StageAsync(new StageRequest(product.Sku, new JsonObject { ["title"] = "Other" }, null, "admin edit"), CatalogTestHost.Actor)).Review!;

        var rejected = await host.ChangeSets.DecideAsync(product.Sku, staged.Id, approve: false, CatalogTestHost.Actor);

        rejected.Status.ShouldBe(ChangeSetStatus.Rejected);
        (await Should.ThrowAsync<CatalogConflictException>(() => host.ChangeSets.ApplyAsync(product.Sku, staged.Id, CatalogTestHost.Actor))).Field.ShouldBe("status");
        (await host.Products.GetAsync(product.Sku))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Apply_AfterFieldChangedMeanwhile_ConflictsAndChangesNothing()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await SeedListedAsync(host);
        var staged = (await host.ChangeSets.StageAsync(new StageRequest(product.Sku, new JsonObject { ["title"] = "Theirs" }, null, "edit"), CatalogTestHost.Actor)).Review!;
        await host.ChangeSets.DecideAsync(product.Sku, staged.Id, true, CatalogTestHost.Actor);
        await host.Products.UpdateAsync(product with { Title = "Ours, meanwhile" }, 1, CatalogTestHost.Actor);

        (await Should.ThrowAsync<CatalogConflictException>(() => host.ChangeSets.ApplyAsync(product.Sku, staged.Id, CatalogTestHost.Actor))).Field.ShouldBe("title");
        (await host.ChangeSets.GetAsync(product.Sku, staged.Id))!.Status.ShouldBe(ChangeSetStatus.Approved);
    }

    [Fact]
    public async Task BulkApproveAndApply_ReportEachItem()
    {
        using var host = new CatalogTestHost(azurite);
        var a = await SeedListedAsync(host);
        var b = await SeedListedAsync(host);
        var sa = (await host.ChangeSets.StageAsync(new StageRequest(a.Sku, new JsonObject { ["year"] = 1963 }, null, "bulk", "batch-1"), CatalogTestHost.Actor)).Review!;
        var sb = (await host.ChangeSets.StageAsync(new StageRequest(b.Sku, new JsonObject { ["year"] = 1964 }, null, "bulk", "batch-1"), CatalogTestHost.Actor)).Review!;
        ChangeSetRef[] refs = [new(a.Sku, sa.Id), new(b.Sku, sb.Id), new(b.Sku, "missing")];

        var decided = await host.ChangeSets.DecideManyAsync(refs, approve: true, CatalogTestHost.Actor);
        var applied = await host.ChangeSets.ApplyManyAsync(refs, CatalogTestHost.Actor);

        decided.Count(r => r.Error is null).ShouldBe(2);
        applied.Count(r => r.ChangeSet?.Status == ChangeSetStatus.Applied).ShouldBe(2);
        applied[2].Error.ShouldNotBeNull().ShouldContain("missing");
        (await host.Products.GetAsync(b.Sku))!.Year.ShouldBe(1964);
    }
}
