using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

[Trait("Category", "Integration")]
public sealed class VintageAndRareCreateTests : VintageAndRareTestBase
{
    [ChromiumFact]
    public async Task Upsert_NewSkuWithPhotos_CreatesPendingListingAndCapturesIdFromShowPage()
    {
        var photos = await UploadPhotosAsync(3);

        var created = await CreateConnector().UpsertListingAsync(Draft("VR-LH-1", photos));

        var listing = Site.State.Listings.ShouldHaveSingleItem();
        created.ExternalId.ShouldBe(listing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        created.Status.ShouldBe("PENDING");
        created.Url!.AbsolutePath.ShouldEndWith($"/instruments/show/{listing.Id}");
        listing.Sku.ShouldBe("VR-LH-1");
        listing.Category.ShouldBe("electric-guitars-left-handed");
        listing.ShippingProfile.ShouldBe("worldwide-insured");
        listing.Price.ShouldBe(4250m);
        listing.Condition.ShouldBe("Very Good");
        listing.Photos.Select(p => p.Name).ShouldBe(["photo-1.png", "photo-2.png", "photo-3.png"]);
        listing.Photos.ShouldAllBe(p => p.Bytes > 0);
    }

    [ChromiumFact]
    public async Task Upsert_WhenSiteShowsNoListingPage_ReadsIdFromCsvExport()
    {
        Site.State.Options.Faults.NoShowPageAfterCreate = true;

        var created = await CreateConnector().UpsertListingAsync(Draft("VR-CSV-1", await UploadPhotosAsync(1)));

        created.ExternalId.ShouldBe(Site.State.Listings.ShouldHaveSingleItem().Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [ChromiumFact]
    public async Task Upsert_KilledMidSubmitAndRunAgain_AdoptsTheListingInsteadOfADuplicate()
    {
        var photos = await UploadPhotosAsync(2);
        Site.State.Options.Faults.HoldSubmitsAfterSave = 1;

        await Should.ThrowAsync<VintageAndRareException>(() => CreateConnector(TimeSpan.FromSeconds(3)).UpsertListingAsync(Draft("VR-KILL-1", photos)));
        await KillAsync();
        var rerun = await CreateConnector().UpsertListingAsync(Draft("VR-KILL-1", photos));

        var listing = Site.State.Listings.ShouldHaveSingleItem();
        rerun.ExternalId.ShouldBe(listing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [ChromiumFact]
    public async Task Upsert_SameSkuTwiceAtOnce_CreatesOneListing()
    {
        var photos = await UploadPhotosAsync(1);
        var connector = CreateConnector();

        var both = await Task.WhenAll(connector.UpsertListingAsync(Draft("VR-TWICE", photos)), connector.UpsertListingAsync(Draft("VR-TWICE", photos)));

        Site.State.Listings.ShouldHaveSingleItem();
        both[0].ExternalId.ShouldBe(both[1].ExternalId);
    }

    [ChromiumFact]
    public async Task Upsert_AfterSessionExpiresMidRun_LogsInAgainAndCarriesOn()
    {
        var photos = await UploadPhotosAsync(1);
        var connector = CreateConnector();
        await connector.UpsertListingAsync(Draft("VR-SESSION-1", photos));

        Site.State.ExpireSessions();
        await connector.UpsertListingAsync(Draft("VR-SESSION-2", photos));

        Site.State.Listings.Select(l => l.Sku).ShouldBe(["VR-SESSION-1", "VR-SESSION-2"]);
        Site.State.Logins.ShouldBe(2);
    }

    [ChromiumFact]
    public async Task Upsert_NewBrowserProcess_ReusesLoginStateSavedInBlobStorage()
    {
        var photos = await UploadPhotosAsync(1);
        await CreateConnector().UpsertListingAsync(Draft("VR-STATE-1", photos));
        await KillAsync();

        await CreateConnector().UpsertListingAsync(Draft("VR-STATE-2", photos));

        Site.State.Logins.ShouldBe(1);
        (await Blobs.GetBlobContainerClient(Container).GetBlobClient("state/dealer.json").ExistsAsync()).Value.ShouldBeTrue();
    }

    [ChromiumFact]
    public async Task Upsert_MissingRequiredField_FailsWithoutRetryAndCreatesNothing()
    {
        var ex = await Should.ThrowAsync<VintageAndRareException>(() => CreateConnector().UpsertListingAsync(Draft("VR-NOPHOTO", [])));

        ex.Message.ShouldContain("At least one photo is required.");
        ex.IsTransient.ShouldBeFalse();
        Site.State.Listings.ShouldBeEmpty();
    }
}
