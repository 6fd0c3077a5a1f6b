using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>Queries across products read the index rows of every partition and merge them (newest first), with cursors.</summary>
[Trait("Category", "Integration")]
public sealed class CatalogIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Skus = [.. Enumerable.Range(0, 6).Select(i => $"IDX-{i}")];

    [Fact]
    public async Task AuditAcrossSkus_FiltersByPlatformOutcomeAndTime_AndPagesNewestFirst()
    {
        Skus.Select(CatalogKeys.PartitionOf).Distinct().Count().ShouldBeGreaterThan(2, "the SKUs must span partitions for the merge to be tested");
        using var host = new CatalogTestHost(azurite);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < Skus.Length; i++)
        {
            await host.Products.CreateAsync(CatalogTestHost.NewProduct(Skus[i]), CatalogTestHost.Actor);
            await host.Audit.RecordAsync(Skus[i], CatalogTestHost.Actor, "listing.push", i % 2 == 0 ? AuditOutcome.Success : AuditOutcome.Failure,
                i % 3 == 0 ? Platform.Ebay : Platform.Shopify);
        }

        var ebay = await host.Audit.QueryPageAsync(new AuditQuery(Platform: Platform.Ebay));
        var failures = await host.Audit.QueryPageAsync(new AuditQuery(Outcome: AuditOutcome.Failure));
        var shopifyOk = await host.Audit.QueryPageAsync(new AuditQuery(Platform: Platform.Shopify, Outcome: AuditOutcome.Success));
        var creates = await host.Audit.QueryPageAsync(new AuditQuery(Outcome: AuditOutcome.Success, Action: "product.create", From: start));

        ebay.Items.Select(r => r.Sku).ShouldBe(["IDX-3", "IDX-0"]);
        failures.Items.Select(r => r.Sku).ShouldBe(["IDX-5", "IDX-3", "IDX-1"]);
        shopifyOk.Items.Select(r => r.Sku).ShouldBe(["IDX-4", "IDX-2"]);
        creates.Items.Select(r => r.Sku).ShouldBe(Enumerable.Reverse(Skus));

        var pages = new List<AuditPage>();
        string? cursor = null;
        do
        {
            pages.Add(await host.Audit.QueryPageAsync(new AuditQuery(From: start, Limit: 5, Cursor: cursor)));
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null);

        var all = pages.SelectMany(p => p.Items).ToList();
        pages.Select(p => p.Items.Count).ShouldBe([5, 5, 2]);
        all.Select(r => r.Id).Distinct().Count().ShouldBe(12);
        all.Select(r => r.At).ShouldBeInOrder(SortDirection.Descending);
        var bySku = await host.Audit.QueryPageAsync(new AuditQuery(Sku: "IDX-1", Limit: 1));
        bySku.Items.ShouldHaveSingleItem().Action.ShouldBe("listing.push");
        (await host.Audit.QueryPageAsync(new AuditQuery(Sku: "IDX-1", Cursor: bySku.NextCursor))).Items.ShouldHaveSingleItem().Action.ShouldBe("product.create");
        (await Should.ThrowAsync<CatalogValidationException>(() => host.Audit.QueryPageAsync(new AuditQuery(Cursor: "not-a-cursor")))).Errors.Keys.ShouldBe(["cursor"]);
        (await Should.ThrowAsync<CatalogValidationException>(() => host.Audit.QueryPageAsync(new AuditQuery(Sku: "bad|sku")))).Errors.Keys.ShouldBe(["sku"]);
    }

    [Fact]
    public async Task WhereSold_AcrossSkus_CountsSalesAndReturnsWithinTheTimeRange()
    {
        using var host = new CatalogTestHost(azurite);
        foreach (var sku in Skus.Take(3))
        {
            await host.Products.CreateAsync(CatalogTestHost.NewProduct(sku, quantity: 5, stocked: true), CatalogTestHost.Actor);
        }

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Sale("IDX-0", "s1", Platform.Ebay, -2);
        await Sale("IDX-1", "s2", Platform.Reverb, -1);
        await Sale("IDX-2", "s3", Platform.Ebay, -1);
        await host.Ledger.AppendAsync(new InventoryChange { Sku = "IDX-2", Delta = 1, Reason = LedgerReason.Return, EventId = "r1", Source = Platform.Ebay });
        await host.Ledger.AppendAsync(new InventoryChange { Sku = "IDX-1", Delta = 4, Reason = LedgerReason.Adjustment, EventId = "adj" });

        var rows = await host.Ledger.WhereSoldAsync(from: before);
        var none = await host.Ledger.WhereSoldAsync(to: before);

        rows.Select(r => (r.Sku, r.Platform, r.UnitsSold, r.UnitsReturned)).ShouldBe(
            [("IDX-0", Platform.Ebay, 2, 0), ("IDX-1", Platform.Reverb, 1, 0), ("IDX-2", Platform.Ebay, 1, 1)]);
        none.ShouldBeEmpty();

        Task Sale(string sku, string eventId, Platform platform, int delta) =>
            host.Ledger.AppendAsync(new InventoryChange { Sku = sku, Delta = delta, Reason = LedgerReason.Sale, EventId = eventId, Source = platform, OrderId = "o-" + eventId });
    }

    /// <summary>Shop events and eBay account deletions have no product: the admin API must still find them by subject.</summary>
    [Theory]
    [InlineData("shop:demo-shop.myshopify.com")]
    [InlineData("(ebay-account-deletion)")]
    public async Task Audit_SubjectsThatAreNotSkus_AreRecordedAndQueried(string subject)
    {
        using var host = new CatalogTestHost(azurite);
        await host.Audit.RecordAsync(subject, CatalogTestHost.Actor, "shop.event", AuditOutcome.Success, Platform.Shopify);

        var page = await host.Audit.QueryPageAsync(new AuditQuery(Sku: subject));

        page.Items.Select(r => r.Action).ShouldContain("shop.event");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a|b")]
    [InlineData("")]
    public async Task Audit_SubjectsUnsafeInTableKeys_AreRejectedNamingTheField(string subject)
    {
        using var host = new CatalogTestHost(azurite);

        var write = await Should.ThrowAsync<CatalogValidationException>(() => host.Audit.RecordAsync(subject, CatalogTestHost.Actor, "x", AuditOutcome.Success));
        var read = await Should.ThrowAsync<CatalogValidationException>(() => host.Audit.QueryPageAsync(new AuditQuery(Sku: subject)));

        write.Message.ShouldContain("sku");
        read.Message.ShouldContain("sku");
    }
}
