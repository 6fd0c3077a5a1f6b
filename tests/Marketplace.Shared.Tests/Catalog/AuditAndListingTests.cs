using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

[Trait("Category", "Integration")]
public sealed class AuditAndListingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<List<AuditRecord>> QueryAsync(CatalogTestHost host, AuditQuery query)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in host.Audit.QueryAsync(query))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task EveryMutationAndAttempt_IsAudited_AndQueryableBySkuPlatformOutcomeAndTime()
    {
        using var host = new CatalogTestHost(azurite);
        var actor = CatalogActor.Create("alice", "corr-1");
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 1), actor);
        await host.Ledger.AppendAsync(new InventoryChange { Sku = product.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = "a", Source = Platform.Reverb, Actor = "webhook" });
        await host.Ledger.AppendAsync(new InventoryChange { Sku = product.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = "b", Source = Platform.Ebay, Actor = "webhook" });
        await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.Ebay, Operation = "end", Succeeded = false, Error = "eBay said 500" }, actor);

        var all = await QueryAsync(host, new AuditQuery(Sku: product.Sku));
        var ebay = await QueryAsync(host, new AuditQuery(Sku: product.Sku, Platform: Platform.Ebay));
        var failures = await QueryAsync(host, new AuditQuery(Outcome: AuditOutcome.Failure, From: product.CreatedAt));
        var future = await QueryAsync(host, new AuditQuery(Sku: product.Sku, From: DateTimeOffset.UtcNow.AddHours(1)));

        all.Select(r => r.Action).ShouldBe(["listing.end", "ledger.sale", "ledger.sale", "product.create"]);
        all[^1].CorrelationId.ShouldBe("corr-1");
        all[^1].Actor.ShouldBe("alice");
        ebay.Select(r => r.Outcome).ShouldBe([AuditOutcome.Failure, AuditOutcome.Oversold]);
        failures.ShouldHaveSingleItem().Detail.ShouldBe("eBay said 500");
        future.ShouldBeEmpty();
    }

    [Fact]
    public async Task Attempts_UpdateListingStatusAndVersion()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);

        var failed = await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "create", Succeeded = false, Version = 1, Error = "timeout" }, CatalogTestHost.Actor);
        var live = await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "create", Succeeded = true, Version = 1, ExternalId = "vr-9", Url = "https://example.test/vr-9", RemoteStatus = "active" }, CatalogTestHost.Actor);

        failed.Status.ShouldBe(ListingStatus.Error);
        (live.Status, live.LastPushedVersion, live.ExternalId, live.LastError).ShouldBe((ListingStatus.Active, 1L, "vr-9", null));
        live.Attempts.Count.ShouldBe(2);
        (await host.Listings.ListAsync(product.Sku)).ShouldHaveSingleItem().Platform.ShouldBe(Platform.VintageAndRare);
        await Should.ThrowAsync<CatalogValidationException>(() => host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.Ebay, Operation = "read", Succeeded = true, RemoteStatus = "weird" }, CatalogTestHost.Actor));
    }

    [Fact]
    public async Task A_FlaggingAttempt_FlagsTheListing_AFailureKeepsTheFlag_AndASuccessClearsIt()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);
        await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "create", Succeeded = true, RemoteStatus = "PENDING" }, CatalogTestHost.Actor);

        var flagged = await host.Listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "moderation", Succeeded = false, Error = "still pending", Flag = "pending-timeout",
        }, CatalogTestHost.Actor);
        var stillFlagged = await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "read", Succeeded = false, Error = "site down" }, CatalogTestHost.Actor);
        var stored = await host.Listings.GetAsync(product.Sku, Platform.VintageAndRare);
        var cleared = await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.VintageAndRare, Operation = "read", Succeeded = true, RemoteStatus = "ACTIVE" }, CatalogTestHost.Actor);

        flagged.Flag.ShouldNotBeNull().Reason.ShouldBe("pending-timeout");
        flagged.Flag.Detail.ShouldBe("still pending");
        stillFlagged.Flag.ShouldBe(flagged.Flag);
        stored!.Flag.ShouldBe(flagged.Flag);
        cleared.Flag.ShouldBeNull();
        cleared.Status.ShouldBe(ListingStatus.Active);
    }

    [Fact]
    public async Task Shops_RoundTrip_APushWithShopsReplacesThem_AttemptsWithoutShopsKeepThem_AndAnEndEndsEachShop()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);
        ListingAttemptReport Push(params ShopListing[] shops) => new()
        {
            Sku = product.Sku, Platform = Platform.Reverb, Operation = "update", Succeeded = true, ExternalId = shops[0].ExternalId,
            Url = shops[0].Url?.ToString(), RemoteStatus = shops[0].Status, Shops = shops,
        };
        var a = new ShopListing("default", "101", new Uri("https://reverb.test/item/101"), "live");
        var b = new ShopListing("b", "202", new Uri("https://reverb.test/item/202"), "ACTIVE");

        await host.Listings.RecordAttemptAsync(Push(a, b), CatalogTestHost.Actor);
        var both = await host.Listings.GetAsync(product.Sku, Platform.Reverb);
        await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.Reverb, Operation = "quantity", Succeeded = true }, CatalogTestHost.Actor);
        await host.Listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.Reverb, Operation = "update", Succeeded = false, Error = "503", Shops = [b with { ExternalId = "999" }],
        }, CatalogTestHost.Actor);
        var kept = await host.Listings.GetAsync(product.Sku, Platform.Reverb);
        await host.Listings.RecordAttemptAsync(Push(b), CatalogTestHost.Actor);
        var onlyB = (await host.Listings.ListAsync(product.Sku)).ShouldHaveSingleItem();
        var ended = await host.Listings.RecordAttemptAsync(new ListingAttemptReport { Sku = product.Sku, Platform = Platform.Reverb, Operation = "end", Succeeded = true, RemoteStatus = "ENDED" }, CatalogTestHost.Actor);

        both.ShouldNotBeNull().Shops.ShouldBe([new ListingShop("default", "101", "https://reverb.test/item/101", ListingStatus.Active), new ListingShop("b", "202", "https://reverb.test/item/202", ListingStatus.Active)]);
        kept.ShouldNotBeNull().Shops.ShouldBe(both.Shops);
        onlyB.Shops.ShouldBe([new ListingShop("b", "202", "https://reverb.test/item/202", ListingStatus.Active)]);
        (onlyB.ExternalId, onlyB.Url).ShouldBe(("202", "https://reverb.test/item/202"));
        ended.Shops.ShouldBe([new ListingShop("b", "202", "https://reverb.test/item/202", ListingStatus.Ended)]);
        await Should.ThrowAsync<CatalogValidationException>(() => host.Listings.RecordAttemptAsync(Push(b with { Status = "weird" }), CatalogTestHost.Actor));
    }

    [Fact]
    public async Task Search_FiltersAndPages()
    {
        using var host = new CatalogTestHost(azurite);
        for (var i = 0; i < 5; i++)
        {
            await host.Products.CreateAsync(CatalogTestHost.NewProduct($"P-{i}") with { Brand = i % 2 == 0 ? "Fender" : "Gibson", Title = i == 3 ? "Les Paul Junior" : "Guitar " + i }, CatalogTestHost.Actor);
        }

        var page1 = await host.Products.SearchAsync(new ProductQuery(Brand: "Fender", PageSize: 2));
        var page2 = await host.Products.SearchAsync(new ProductQuery(Brand: "Fender", PageSize: 2, Cursor: page1.NextCursor));
        var text = await host.Products.SearchAsync(new ProductQuery(Text: "paul"));

        page1.Items.Select(p => p.Sku).ShouldBe(["P-0", "P-2"]);
        page2.Items.Select(p => p.Sku).ShouldBe(["P-4"]);
        page2.NextCursor.ShouldBeNull();
        text.Items.ShouldHaveSingleItem().Sku.ShouldBe("P-3");
    }
}
