using Azure.Storage.Blobs.Specialized;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

/// <summary>The account's blob lease: another worker process holding it keeps this one off the site.</summary>
[Trait("Category", "Integration")]
public sealed class VintageAndRareLeaseTests : VintageAndRareTestBase
{
    [ChromiumFact]
    public async Task Upsert_WhileAnotherWorkerHoldsTheAccountLease_WaitsForIt_AndTouchesNothing()
    {
        var photos = await UploadPhotosAsync(1);
        var connector = CreateConnector(leaseWait: TimeSpan.FromSeconds(2));
        (await connector.FindListingAsync("VR-NONE")).ShouldBeNull("the first operation creates the account's lock blob");
        var other = Blobs.GetBlobContainerClient(Container).GetBlobClient("locks/dealer").GetBlobLeaseClient();
        await other.AcquireAsync(TimeSpan.FromSeconds(60));
        var loginsBefore = Site.State.Logins;

        var ex = await Should.ThrowAsync<VintageAndRareException>(() => connector.UpsertListingAsync(Draft("VR-LEASE", photos)));

        ex.Message.ShouldContain("Another worker");
        Site.State.Listings.ShouldBeEmpty();
        Site.State.Logins.ShouldBe(loginsBefore);
        await other.ReleaseAsync();
        (await connector.UpsertListingAsync(Draft("VR-LEASE", photos))).Status.ShouldBe("PENDING");
        Site.State.Listings.ShouldHaveSingleItem().Sku.ShouldBe("VR-LEASE");
    }

    [ChromiumFact]
    public async Task TwoWorkers_CreatingAtOnce_BothSucceed_AndLeaveTheLeaseFree()
    {
        var photos = await UploadPhotosAsync(1);
        var first = CreateConnector();
        var second = CreateConnector();

        var made = await Task.WhenAll(first.UpsertListingAsync(Draft("VR-TURN-1", photos)), second.UpsertListingAsync(Draft("VR-TURN-2", photos)));

        made.Select(r => r.Sku).ShouldBe(["VR-TURN-1", "VR-TURN-2"]);
        Site.State.Listings.Select(l => l.Sku).Order().ShouldBe(["VR-TURN-1", "VR-TURN-2"]);
        (await Blobs.GetBlobContainerClient(Container).GetBlobClient("locks/dealer").GetPropertiesAsync()).Value.LeaseState
            .ShouldBe(Azure.Storage.Blobs.Models.LeaseState.Available, "both released the lease");
    }
}
