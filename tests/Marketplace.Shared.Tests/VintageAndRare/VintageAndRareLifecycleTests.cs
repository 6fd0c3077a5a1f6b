using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

[Trait("Category", "Integration")]
public sealed class VintageAndRareLifecycleTests : VintageAndRareTestBase
{
    [ChromiumFact]
    public async Task FindListing_PendingListing_TurnsActiveAfterTheSitesReviewDelay()
    {
        var connector = CreateConnector();
        await connector.UpsertListingAsync(Draft("VR-PEND", await UploadPhotosAsync(1)));

        var pending = await connector.FindListingAsync("VR-PEND");
        Time.Advance(Site.State.Options.PendingDelay);
        var active = await connector.FindListingAsync("VR-PEND");

        pending.ShouldNotBeNull().Status.ShouldBe("PENDING");
        active.ShouldNotBeNull().Status.ShouldBe("ACTIVE");
        (await connector.FindListingAsync("VR-NONE")).ShouldBeNull();
    }

    [ChromiumFact]
    public async Task Upsert_ExistingSku_EditsPriceAndQuantityOfTheSameListing()
    {
        var connector = CreateConnector();
        var photos = await UploadPhotosAsync(1);
        var first = await connector.UpsertListingAsync(Draft("VR-EDIT", photos));

        var second = await connector.UpsertListingAsync(Draft("VR-EDIT", photos) with { Price = 3999.5m, Quantity = 2, Title = "Strat LH, price drop" });
        await connector.SetQuantityAsync("VR-EDIT", 3);

        second.ExternalId.ShouldBe(first.ExternalId);
        var listing = Site.State.Listings.ShouldHaveSingleItem();
        listing.Price.ShouldBe(3999.5m);
        listing.Title.ShouldBe("Strat LH, price drop");
        listing.Quantity.ShouldBe(3);
    }

    [ChromiumFact]
    public async Task EndListing_SoldElsewhere_WithdrawsOnceAndIsNotReadBackAsASale()
    {
        var connector = CreateConnector();
        var since = Time.GetUtcNow();
        await connector.UpsertListingAsync(Draft("VR-ENDED", await UploadPhotosAsync(1)));

        await connector.EndListingAsync("VR-ENDED", "sold elsewhere (ebay:1:1)");
        await connector.EndListingAsync("VR-ENDED", "sold elsewhere (ebay:1:1)");
        await connector.EndListingAsync("VR-UNKNOWN", "sold elsewhere (ebay:2:1)");

        (await connector.FindListingAsync("VR-ENDED")).ShouldNotBeNull().Status.ShouldBe("ENDED");
        Site.State.Listings.ShouldHaveSingleItem().Quantity.ShouldBe(0);
        (await connector.GetSalesSinceAsync(since).ToListAsync()).ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task GetSalesSince_ItemTheDealerMarkedSoldOnTheSite_IsOneSaleFromTheCsvExport()
    {
        var connector = CreateConnector();
        var since = Time.GetUtcNow();
        var created = await connector.UpsertListingAsync(Draft("VR-SOLD", await UploadPhotosAsync(1)));
        Site.State.MarkSold(Site.State.Listings.Single(), "sold");

        var sale = (await connector.GetSalesSinceAsync(since).ToListAsync()).ShouldHaveSingleItem();
        var later = await connector.GetSalesSinceAsync(since.AddMinutes(1)).ToListAsync();

        sale.Sku.ShouldBe("VR-SOLD");
        sale.LineId.ShouldBe(created.ExternalId);
        sale.UnitPrice.ShouldBe(4250m);
        sale.Currency.ShouldBe("GBP");
        later.ShouldBeEmpty();
        (await connector.FindListingAsync("VR-SOLD")).ShouldNotBeNull().Status.ShouldBe("SOLD");
    }

    [ChromiumFact]
    public async Task SetQuantity_Zero_WithdrawsTheListing()
    {
        var connector = CreateConnector();
        await connector.UpsertListingAsync(Draft("VR-ZERO", await UploadPhotosAsync(1)));

        await connector.SetQuantityAsync("VR-ZERO", 0);

        (await connector.FindListingAsync("VR-ZERO")).ShouldNotBeNull().Status.ShouldBe("ENDED");
        Site.State.Listings.ShouldHaveSingleItem().Quantity.ShouldBe(0);
    }

    [ChromiumFact]
    public async Task ListingReader_ReadsEveryListingFromTheCsvExport_InCanonicalTerms()
    {
        var connector = CreateConnector();
        var photos = await UploadPhotosAsync(1);
        var live = await connector.UpsertListingAsync(Draft("VR-R1", photos) with { Quantity = 2 });
        await connector.UpsertListingAsync(Draft("VR-R2", photos));
        await connector.EndListingAsync("VR-R2", "archived in the catalog");
        Time.Advance(Site.State.Options.PendingDelay);
        var reader = new VintageAndRareListingReader(connector, new VintageAndRareOptions());

        var listings = await reader.GetListingsAsync(null).ToListAsync();
        var one = await reader.GetListingAsync("vr-r1");

        listings.Select(l => (l.Sku, l.Status)).ShouldBe([("VR-R1", "ACTIVE"), ("VR-R2", "ENDED")]);
        one.ShouldBe(new RemoteListing(MarketplacePlatform.VintageAndRare, "VR-R1", live.ExternalId, live.Url, "ACTIVE", 2, 4250m, "GBP", "Fender Stratocaster LH VR-R1", null, null));
        (await reader.GetListingAsync("VR-NONE")).ShouldBeNull();
    }

    [ChromiumFact]
    public async Task Upsert_WithdrawnListingWithStockAgain_RelistsTheSameListing()
    {
        var connector = CreateConnector();
        var photos = await UploadPhotosAsync(1);
        var first = await connector.UpsertListingAsync(Draft("VR-RELIST", photos));
        await connector.EndListingAsync("VR-RELIST", "archived in the catalog");

        var relisted = await connector.UpsertListingAsync(Draft("VR-RELIST", photos));

        relisted.ExternalId.ShouldBe(first.ExternalId);
        relisted.Status.ShouldBe("PENDING");
        Site.State.Listings.ShouldHaveSingleItem().Quantity.ShouldBe(1);
    }

    [ChromiumFact]
    public async Task Upsert_OnSlowPages_WaitsForThemWithinThePageTimeout()
    {
        Site.State.Options.Faults.SlowPages = TimeSpan.FromMilliseconds(400);

        var created = await CreateConnector().UpsertListingAsync(Draft("VR-SLOW", await UploadPhotosAsync(1)));

        created.ExternalId.ShouldBe(Site.State.Listings.ShouldHaveSingleItem().Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
