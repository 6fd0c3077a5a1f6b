using System.Text.Json.Nodes;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class EbayListingReaderTests : EbaySandboxTestBase
{
    [Fact]
    public async Task GetListings_PagesThroughInventoryItems_JoinsOffers_AndSkipsItemsWithoutOffer()
    {
        var client = CreateClient();
        var connector = new EbayConnector(client);
        // More items than one getInventoryItems page, most of them without an offer (not listings).
        for (var i = 0; i < EbayClient.InventoryPageSize + 20; i++)
        {
            Sandbox.PutItem($"BARE-{i:D3}", new JsonObject { ["product"] = new JsonObject { ["title"] = $"Bare {i}" } });
        }

        var active = await connector.UpsertListingAsync(Draft("ZZ-ACTIVE", price: 1299m, quantity: 2));
        await connector.UpsertListingAsync(Draft("ZZ-ENDED"));
        await connector.EndListingAsync("ZZ-ENDED", "sold elsewhere");
        await connector.UpsertListingAsync(Draft("ZZ-DRAFT") with { Publish = false });

        var listings = await new EbayListingReader(client).GetListingsAsync(null).ToListAsync();

        listings.Select(l => l.Sku).Order().ShouldBe(["ZZ-ACTIVE", "ZZ-DRAFT", "ZZ-ENDED"]);
        var first = listings.Single(l => l.Sku == "ZZ-ACTIVE");
        first.CategoryIds.ShouldBe([Draft("ZZ-ACTIVE").CategoryId!]);
        (first with { CategoryIds = null }).ShouldBe(new RemoteListing(MarketplacePlatform.Ebay, "ZZ-ACTIVE", active.ExternalId, active.Url, "ACTIVE", 2, 1299m, "EUR",
            "Fender Stratocaster ZZ-ACTIVE", "<p>Sunburst, 1978.</p>", null));
        listings.Single(l => l.Sku == "ZZ-ENDED").Status.ShouldBe("ENDED");
        listings.Single(l => l.Sku == "ZZ-DRAFT").Status.ShouldBe("DRAFT");
    }

    [Fact]
    public async Task GetListings_WithUpdatedSince_StillReturnsEveryListing_BecauseEbayReportsNoModificationDate()
    {
        var client = CreateClient();
        await new EbayConnector(client).UpsertListingAsync(Draft("SINCE-1"));

        var listings = await new EbayListingReader(client).GetListingsAsync(DateTimeOffset.UtcNow.AddDays(1)).ToListAsync();

        listings.ShouldHaveSingleItem().Sku.ShouldBe("SINCE-1");
    }

    [Fact]
    public async Task GetListing_ReflectsABulkQuantityChange_AndIsNullForAnUnknownSku()
    {
        var client = CreateClient();
        var connector = new EbayConnector(client);
        await connector.UpsertListingAsync(Draft("ONE-1", quantity: 3));
        await connector.SetQuantityAsync("ONE-1", 1);
        var reader = new EbayListingReader(client);

        var listing = await reader.GetListingAsync("ONE-1");
        var missing = await reader.GetListingAsync("NOT-THERE");

        listing.ShouldNotBeNull().Quantity.ShouldBe(1);
        listing.Status.ShouldBe("ACTIVE");
        missing.ShouldBeNull();
    }
}
