using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Reverb;

[Trait("Category", "Integration")]
public sealed class ReverbListingReaderTests : ReverbSandboxTestBase
{
    [Fact]
    public async Task GetListings_FollowsHalNextPages_AndReadsEveryState()
    {
        var client = CreateClient(o => o.ListingsPageSize = 2);
        var connector = new ReverbConnector(client);
        var live = await connector.UpsertListingAsync(Draft("RL-LIVE", price: 1299m, quantity: 2));
        await connector.UpsertListingAsync(Draft("RL-ENDED"));
        await connector.EndListingAsync("RL-ENDED", "sold elsewhere");
        await connector.UpsertListingAsync(Draft("RL-DRAFT") with { Publish = false });
        await connector.UpsertListingAsync(Draft("RL-4"));
        await connector.UpsertListingAsync(Draft("RL-5"));

        var listings = await new ReverbListingReader(client).GetListingsAsync(null).ToListAsync();

        listings.Select(l => l.Sku).Order().ShouldBe(["RL-4", "RL-5", "RL-DRAFT", "RL-ENDED", "RL-LIVE"]);
        var first = listings.Single(l => l.Sku == "RL-LIVE");
        first.CategoryIds.ShouldBe(["dfd39027-d134-4353-b9e4-57dc6be791b9"]);
        (first with { UpdatedAt = null, CategoryIds = null }).ShouldBe(new RemoteListing(MarketplacePlatform.Reverb, "RL-LIVE", live.ExternalId, live.Url, "ACTIVE", 2, 1299m, "EUR",
            "Gibson Les Paul RL-LIVE", "<p>Goldtop, 1976.</p>", null));
        first.UpdatedAt.ShouldNotBeNull();
        listings.Single(l => l.Sku == "RL-ENDED").Status.ShouldBe("ENDED");
        listings.Single(l => l.Sku == "RL-DRAFT").Status.ShouldBe("DRAFT");
    }

    [Fact]
    public async Task GetListings_WithUpdatedSince_KeepsOnlyListingsUpdatedAtOrAfterIt()
    {
        var client = CreateClient();
        await new ReverbConnector(client).UpsertListingAsync(Draft("RL-OLD"));
        var reader = new ReverbListingReader(client);
        var updated = (await reader.GetListingAsync("RL-OLD"))!.UpdatedAt!.Value;

        var atOrAfter = await reader.GetListingsAsync(updated).ToListAsync();
        var later = await reader.GetListingsAsync(updated.AddTicks(TimeSpan.TicksPerMillisecond)).ToListAsync();

        atOrAfter.ShouldHaveSingleItem().Sku.ShouldBe("RL-OLD");
        later.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetListing_FindsTheSkuInAnyState_AndIsNullForAnUnknownSku()
    {
        var client = CreateClient();
        var connector = new ReverbConnector(client);
        await connector.UpsertListingAsync(Draft("RL-ONE"));
        await connector.EndListingAsync("RL-ONE", "archived");
        var reader = new ReverbListingReader(client);

        var ended = await reader.GetListingAsync("RL-ONE");
        var missing = await reader.GetListingAsync("RL-NONE");

        ended.ShouldNotBeNull().Status.ShouldBe("ENDED");
        ended.Quantity.ShouldBe(0);
        missing.ShouldBeNull();
    }
}
