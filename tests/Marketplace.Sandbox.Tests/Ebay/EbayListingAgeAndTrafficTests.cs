using System.Net;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Operations.StaleStock;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>Listing age (Browse getItemByLegacyId), relist (withdraw + publish) and the traffic report against the eBay sandbox.</summary>
public sealed class EbayListingAgeAndTrafficTests : EbaySandboxTestBase
{
    [Fact]
    public async Task Relist_EndsTheListingAndPublishesANewOne_WhoseBrowseItemStartsNow()
    {
        var client = CreateClient();
        var listed = await new EbayConnector(client).UpsertListingAsync(Draft("AGE-1"));
        var startedLongAgo = DateTimeOffset.UtcNow.AddDays(-300);
        Sandbox.SetListingStart("AGE-1", startedLongAgo).ShouldBeTrue();
        var relister = new EbayStaleListings(client);

        var before = await relister.GetListedAtAsync("AGE-1", listed.ExternalId);
        var relisted = await relister.RelistAsync("AGE-1", listed.ExternalId);
        var after = await relister.GetListedAtAsync("AGE-1", relisted);

        before!.Value.ShouldBe(startedLongAgo, TimeSpan.FromMilliseconds(1));
        relisted.ShouldNotBe(listed.ExternalId);
        after!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        (await client.GetItemByLegacyIdAsync(listed.ExternalId)).ShouldBeNull("the ended listing is gone from Browse");
        (await relister.GetListedAtAsync("AGE-1", listed.ExternalId))!.Value.ShouldBe(after.Value, "the recorded old id leads to the new listing through the offer");
    }

    [Fact]
    public async Task TrafficReport_AnswersViewsAndImpressionsPerListing_AndRefusesMoreThan200Listings()
    {
        var client = CreateClient();
        var first = await new EbayConnector(client).UpsertListingAsync(Draft("TR-1"));
        var second = await new EbayConnector(client).UpsertListingAsync(Draft("TR-2"));
        Sandbox.SetListingTraffic(first.ExternalId, views: 17, impressions: 230);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var traffic = await client.GetListingTrafficAsync([first.ExternalId, second.ExternalId], today.AddDays(-30), today);

        traffic.ShouldBe([new EbayListingTraffic(first.ExternalId, 17, 230), new EbayListingTraffic(second.ExternalId, 0, 0)]);
        Should.Throw<ArgumentOutOfRangeException>(() => client.GetListingTrafficAsync([.. Enumerable.Range(0, 201).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], today, today));
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Server.BaseUrl, "/sell/analytics/v1/traffic_report?dimension=LISTING&metric=LISTING_VIEWS_TOTAL"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the Sell Analytics API needs the seller's token");
    }
}
