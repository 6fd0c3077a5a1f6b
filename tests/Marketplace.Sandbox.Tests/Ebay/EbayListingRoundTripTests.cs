using Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Ebay;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

[Trait("Category", "Integration")]
public sealed class EbayListingRoundTripTests : EbaySandboxTestBase
{
    [Fact]
    public async Task Upsert_CreatesInventoryItemAndPublishedOffer_WithPoliciesAspectsAndImages()
    {
        var connector = new EbayConnector(CreateClient(o => (o.PaymentPolicyId, o.ReturnPolicyId) = ("pay-1", "ret-1")));

        var reference = await connector.UpsertListingAsync(Draft("EB-1"));

        reference.Status.ShouldBe("ACTIVE");
        var offer = Sandbox.OffersFor("EB-1").ShouldHaveSingleItem();
        offer.Status.ShouldBe("PUBLISHED");
        reference.ExternalId.ShouldBe(offer.ListingId);
        offer.Body["categoryId"]!.GetValue<string>().ShouldBe("33034");
        offer.Body["listingPolicies"]!["fulfillmentPolicyId"]!.GetValue<string>().ShouldBe("fulfilment-1");
        offer.Body["listingPolicies"]!["paymentPolicyId"]!.GetValue<string>().ShouldBe("pay-1");
        offer.Body["pricingSummary"]!["price"]!["value"]!.GetValue<string>().ShouldBe("1299.00");
        var item = Sandbox.GetItem("EB-1")!;
        item["condition"]!.GetValue<string>().ShouldBe("USED_EXCELLENT");
        item["product"]!["aspects"]!["Body Color"]![0]!.GetValue<string>().ShouldBe("Sunburst");
        item["product"]!["imageUrls"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Upsert_SendsTheBarcodeAsEanOrUpc_AndThePackage_AndNoInternalAttributeAsAnItemSpecific()
    {
        var connector = new EbayConnector(CreateClient());
        Dictionary<string, string> Attributes(string barcode) => new()
        {
            ["Body Color"] = "Sunburst", ["handedness"] = "LEFT", ["barcode"] = barcode, ["weightKg"] = "3.6", ["discogsReleaseId"] = "249504",
            ["leftHanded"] = "true", ["leftHandedCategoryId"] = "5e3c4d1e-2f7a-4c6b-9a8d-0b1c2d3e4f5a", ["reverbAccounts"] = "default,b",
        };

        await connector.UpsertListingAsync(Draft("GTIN-13") with
        {
            Attributes = Attributes("5012345678900"), WeightKg = 3.6m, Dimensions = new Marketplace.Shared.Catalog.Products.Dimensions(105m, 40m, 12m),
        });
        await connector.UpsertListingAsync(Draft("GTIN-12") with { Attributes = Attributes("012345678905") });

        var item = Sandbox.GetItem("GTIN-13")!;
        item["product"]!["ean"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["5012345678900"]);
        item["product"]!["upc"].ShouldBeNull();
        item["product"]!["aspects"]!.AsObject().Select(a => a.Key).Order(StringComparer.Ordinal).ShouldBe(["Body Color", "Brand", "Model", "Model Year", "handedness"]);
        var package = item["packageWeightAndSize"]!;
        (package["weight"]!["value"]!.GetValue<decimal>(), package["weight"]!["unit"]!.GetValue<string>()).ShouldBe((3.6m, "KILOGRAM"));
        (package["dimensions"]!["length"]!.GetValue<decimal>(), package["dimensions"]!["height"]!.GetValue<decimal>(), package["dimensions"]!["unit"]!.GetValue<string>())
            .ShouldBe((105m, 12m, "CENTIMETER"));
        var upc = Sandbox.GetItem("GTIN-12")!;
        upc["product"]!["upc"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["012345678905"]);
        upc["packageWeightAndSize"].ShouldBeNull();
    }

    [Fact]
    public async Task CreateUpdateEnd_WithTimeoutsAfterCommitAndThrottling_KeepsExactlyOneOfferPerSku()
    {
        var faults = Sandbox.Options.Faults;
        faults.FaultRate = 0.5;
        faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        Sandbox.Options.ThrottleRetryAfter = TimeSpan.Zero;
        var client = CreateClient(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(400));
        var connector = new EbayConnector(client);
        string[] skus = ["RT-1", "RT-2", "RT-3", "RT-4"];

        foreach (var sku in skus)
        {
            await connector.UpsertListingAsync(Draft(sku));
            await connector.UpsertListingAsync(Draft(sku, price: 999m));
            await connector.SetQuantityAsync(sku, 2);
            await connector.EndListingAsync(sku, "sold elsewhere");
            await connector.EndListingAsync(sku, "sold elsewhere");
        }

        Sandbox.Faults.Injected.ShouldBeGreaterThan(0);
        foreach (var sku in skus)
        {
            var offer = Sandbox.OffersFor(sku).ShouldHaveSingleItem();
            offer.Status.ShouldBe("UNPUBLISHED");
            offer.ListingStatus.ShouldBe("ENDED");
            offer.Body["pricingSummary"]!["price"]!["value"]!.GetValue<string>().ShouldBe("999.00");
        }

        Sandbox.OffersCreated.ShouldBe(skus.Length);
    }

    [Fact]
    public async Task CreateOffer_WhenEbayAlreadyHoldsOne_ReusesIt()
    {
        var client = CreateClient();
        await client.CreateOrReplaceInventoryItemAsync("DUP-1", new EbayInventoryItem { Product = new EbayProduct { Title = "Amp" }, Condition = "USED_GOOD" });
        var offer = new EbayOffer { Sku = "DUP-1", MarketplaceId = client.Options.MarketplaceId, CategoryId = "38072", PricingSummary = new EbayPricingSummary(new EbayAmount("100.00", "EUR")) };

        var first = await client.CreateOrUpdateOfferAsync(offer);
        var second = await CreateClient().CreateOrUpdateOfferAsync(offer with { CategoryId = "38073" });

        second.OfferId.ShouldBe(first.OfferId);
        Sandbox.OffersFor("DUP-1").ShouldHaveSingleItem().Body["categoryId"]!.GetValue<string>().ShouldBe("38073");
    }

    [Fact]
    public async Task Publish_WithoutCategory_ThrowsEbayExceptionWithErrorIdAndParameters()
    {
        var client = CreateClient();
        await client.CreateOrReplaceInventoryItemAsync("NOCAT-1", new EbayInventoryItem { Product = new EbayProduct { Title = "Pedal" }, Condition = "USED_GOOD" });
        var offer = await client.CreateOrUpdateOfferAsync(new EbayOffer { Sku = "NOCAT-1", MarketplaceId = client.Options.MarketplaceId, PricingSummary = new EbayPricingSummary(new EbayAmount("10.00", "EUR")) });

        var ex = await Should.ThrowAsync<EbayException>(() => client.PublishOfferAsync(offer.OfferId!));

        ex.ErrorId.ShouldBe(25002);
        ex.Parameters["text1"].ShouldBe("categoryId");
        ex.Status.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        ex.Message.ShouldContain("categoryId");
    }

    [Fact]
    public async Task DailyQuotaExhausted_ThrowsQuotaExceeded_WithoutRetrying()
    {
        Sandbox.Options.DailyCallLimit = 1;
        var counter = new CountingHandler();
        var client = CreateClient(counter: counter);
        await client.FindOfferAsync("Q-1");

        var ex = await Should.ThrowAsync<Marketplace.Shared.Marketplaces.MarketplaceQuotaExceededException>(() => client.FindOfferAsync("Q-2"));

        counter.ApiCalls.ShouldBe(2);
        ex.IsTransient.ShouldBeFalse();
        ex.ResetsAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task InjectedThrottling_IsRetriedHonouringRetryAfter()
    {
        Sandbox.Options.ThrottleRetryAfter = TimeSpan.Zero;
        Sandbox.Options.Faults.FaultRate = 1;
        Sandbox.Options.Faults.Faults = SandboxFaultKinds.RateLimit;
        var counter = new CountingHandler();

        var offer = await CreateClient(counter: counter).FindOfferAsync("T-1");

        offer.ShouldBeNull();
        counter.ApiCalls.ShouldBe(2);
    }
}
