using Marketplace.Shared.Ebay;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class EbayBulkPriceQuantityTests : EbaySandboxTestBase
{
    [Fact]
    public async Task SixtySkus_AreSentInBatchesOf25_AndPartialFailuresMapToTheirSkus()
    {
        var client = CreateClient();
        var connector = new EbayConnector(client);
        var skus = Enumerable.Range(0, 60).Select(i => $"B-{i:00}").ToList();
        var missing = skus.Where((_, i) => i % 12 == 5).ToHashSet();
        await Task.WhenAll(skus.Where(s => !missing.Contains(s)).Select(s => connector.UpsertListingAsync(Draft(s))));

        var results = await client.BulkUpdatePriceQuantityAsync(skus.Select((s, i) => new EbayPriceQuantityUpdate(s, i % 7, 100m + i)));

        Sandbox.BulkCalls.ShouldBe(3);
        results.Select(r => r.Sku).ShouldBe(skus);
        foreach (var result in results)
        {
            if (missing.Contains(result.Sku))
            {
                result.Succeeded.ShouldBeFalse();
                result.StatusCode.ShouldBe(404);
                result.Errors.ShouldHaveSingleItem().ErrorId.ShouldBe(25710);
            }
            else
            {
                result.Succeeded.ShouldBeTrue(result.Sku);
            }
        }

        var index = skus.IndexOf("B-13");
        Sandbox.GetItem("B-13")!["availability"]!["shipToLocationAvailability"]!["quantity"]!.GetValue<int>().ShouldBe(index % 7);
        Sandbox.OffersFor("B-13").ShouldHaveSingleItem().Body["pricingSummary"]!["price"]!["value"]!.GetValue<string>().ShouldBe("113.00");
    }

    [Fact]
    public async Task RevisionLimitReached_IsReportedPerSku_AndNotSent()
    {
        var client = CreateClient(o => o.MaxRevisionsPerListingPerDay = 2);
        var connector = new EbayConnector(client);
        await connector.UpsertListingAsync(Draft("REV-1"));
        await connector.UpsertListingAsync(Draft("REV-2"));
        await connector.SetQuantityAsync("REV-1", 3);
        var callsBefore = Sandbox.BulkCalls;

        var results = await client.BulkUpdatePriceQuantityAsync([new("REV-1", 4), new("REV-2", 4)]);

        results[0].Succeeded.ShouldBeFalse();
        results[0].StatusCode.ShouldBe(429);
        results[1].Succeeded.ShouldBeTrue();
        Sandbox.BulkCalls.ShouldBe(callsBefore + 1);
        await Should.ThrowAsync<EbayRevisionLimitException>(() => connector.SetQuantityAsync("REV-1", 5));
        Sandbox.GetItem("REV-1")!["availability"]!["shipToLocationAvailability"]!["quantity"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task SandboxRevisionLimit_SurfacesAsPerSkuError()
    {
        Sandbox.Options.RevisionsPerListingPerDay = 1;
        var client = CreateClient();
        await new EbayConnector(client).UpsertListingAsync(Draft("SREV-1"));

        var first = await client.BulkUpdatePriceQuantityAsync([new("SREV-1", 2)]);
        var second = await client.BulkUpdatePriceQuantityAsync([new("SREV-1", 3)]);

        first[0].Succeeded.ShouldBeTrue();
        second[0].Succeeded.ShouldBeFalse();
        second[0].Errors.ShouldHaveSingleItem().ErrorId.ShouldBe(25019);
    }
}
