using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class ProductRulesTests
{
    private static readonly Product Valid = new() { Sku = "LP-001", Title = "Kind of Blue", BasePrice = 25m, Currency = "GBP", Quantity = 1 };

    [Fact]
    public void Valid_HasNoErrors() => ProductValidator.Validate(Valid).ShouldBeEmpty();

    [Theory]
    [InlineData("sku")]
    [InlineData("title")]
    [InlineData("basePrice")]
    [InlineData("currency")]
    [InlineData("quantity")]
    [InlineData("identifiers.discogsReleaseId")]
    [InlineData("priceRules.ebay")]
    [InlineData("reverbAccounts")]
    public void Invalid_NamesTheField(string field)
    {
        var product = field switch
        {
            "sku" => Valid with { Sku = "bad sku/1" },
            "title" => Valid with { Title = " " },
            "basePrice" => Valid with { BasePrice = 1.234m },
            "currency" => Valid with { Currency = "pounds" },
            "quantity" => Valid with { Quantity = 2, Stocked = false },
            "identifiers.discogsReleaseId" => Valid with { Identifiers = new RecordIdentifiers { DiscogsReleaseId = -4 } },
            "reverbAccounts" => Valid with { ReverbAccounts = ["default", "Shop B"] },
            _ => Valid with { PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Ebay] = new(-100m) } },
        };
        ProductValidator.Validate(product).Keys.ShouldBe([field]);
    }

    [Fact]
    public void Json_UsesWireNamesForEnumsAndPlatformKeys()
    {
        var json = CatalogJson.Serialize(Valid with { Status = ProductStatus.Active, PriceRules = new Dictionary<Platform, PriceRule> { [Platform.VintageAndRare] = new(5m) } });
        json.ShouldContain("\"status\":\"ACTIVE\"");
        json.ShouldContain("\"vintageandrare\":");
        json.ShouldContain("\"handedness\":\"RIGHT\"");
        CatalogJson.Deserialize<Product>(json).PriceRules[Platform.VintageAndRare].PercentMarkup.ShouldBe(5m);
    }

    [Theory]
    [InlineData(5, -3, LedgerReason.Sale, -3, 0)]
    [InlineData(1, -3, LedgerReason.Sale, -1, 2)]
    [InlineData(0, -1, LedgerReason.Sale, 0, 1)]
    [InlineData(1, -3, LedgerReason.Adjustment, -1, 0)]
    [InlineData(0, 2, LedgerReason.Return, 2, 0)]
    public void Ledger_NeverGoesBelowZero_SaleShortfallIsOversell(int quantity, int delta, LedgerReason reason, int applied, int shortfall) =>
        LedgerMath.Apply(quantity, delta, reason).ShouldBe((applied, shortfall));

    [Theory]
    [InlineData(LedgerReason.Sale, 1)]
    [InlineData(LedgerReason.Return, -1)]
    [InlineData(LedgerReason.Adjustment, 0)]
    public void Ledger_DeltaSignMustFitReason(LedgerReason reason, int delta) =>
        Should.Throw<CatalogValidationException>(() => LedgerMath.Validate(new InventoryChange { Sku = "X", Delta = delta, Reason = reason, EventId = "e" }))
            .Field.ShouldBe("delta");

    [Theory]
    [InlineData("live", ListingStatus.Active)]
    [InlineData("Sold", ListingStatus.Sold)]
    [InlineData("pending", ListingStatus.Pending)]
    [InlineData("not_found", ListingStatus.Removed)]
    public void ListingStatus_NormalizesPlatformWords(string word, ListingStatus expected)
    {
        ListingStatuses.TryNormalize(word, out var status).ShouldBeTrue();
        status.ShouldBe(expected);
    }

    [Fact]
    public void ListingStatus_UnknownWord_IsRejected() => ListingStatuses.TryNormalize("frobnicated", out _).ShouldBeFalse();

    [Fact]
    public void Listing_KeepsOnlyLatestAttempts()
    {
        var listing = new Listing { Sku = "X", Platform = Platform.Ebay };
        for (var i = 0; i < Listing.MaxAttempts + 5; i++)
        {
            listing = listing.WithAttempt(new ListingAttempt(DateTimeOffset.UnixEpoch.AddMinutes(i), "update", i % 2 == 0, i, i % 2 == 0 ? null : "boom", null));
        }

        listing.Attempts.Count.ShouldBe(Listing.MaxAttempts);
        listing.Attempts[^1].Version.ShouldBe(Listing.MaxAttempts + 4);
        listing.LastError.ShouldBeNull();
    }
}
