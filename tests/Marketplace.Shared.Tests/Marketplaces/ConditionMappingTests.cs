using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>
/// The catalog hands connectors its wire names (<c>VERY_GOOD</c>); before the fix eBay mapped those to its default
/// (USED_GOOD, also for BRAND_NEW) and Reverb sent no condition at all ("condition can't be blank").
/// </summary>
public sealed class ConditionMappingTests
{
    [Theory]
    [InlineData("BRAND_NEW", "NEW")]
    [InlineData("MINT", "LIKE_NEW")]
    [InlineData("VERY_GOOD", "USED_VERY_GOOD")]
    [InlineData("Very Good", "USED_VERY_GOOD")]
    [InlineData("NON_FUNCTIONING", "FOR_PARTS_OR_NOT_WORKING")]
    [InlineData("FAIR", "USED_ACCEPTABLE")]
    public void Ebay_MapsCatalogWireNamesAndWords(string canonical, string expected)
    {
        EbayListingMapper.Condition(canonical).ShouldBe(expected);
    }

    [Theory]
    [InlineData("BRAND_NEW", "7c3f45de-2ae0-4c81-8400-fdb6b1d74890")]
    [InlineData("VERY_GOOD", "ae4d9114-1bd7-4ec5-a4ba-6653af5ac84d")]
    [InlineData("very-good", "ae4d9114-1bd7-4ec5-a4ba-6653af5ac84d")]
    [InlineData("NON_FUNCTIONING", "fbf35668-96a0-4baa-bcde-ab18d6b1b329")]
    [InlineData("EXCELLENT", "df268ad1-c462-4ba6-b6db-e007e23922ea")]
    public void Reverb_SendsTheConditionUuidForCatalogWireNames(string canonical, string uuid)
    {
        var draft = new ListingDraft { Sku = "GTR-1", Title = "Guitar", Price = 100m, Quantity = 1, Condition = canonical };

        var body = ReverbListingMapper.ToWrite(draft, new ReverbClientOptions());

        body["condition"]!["uuid"]!.GetValue<string>().ShouldBe(uuid);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("VERY_GOOD", "VERY GOOD")]
    [InlineData(" non  functioning ", "NON FUNCTIONING")]
    public void Key_NormalisesSeparatorsAndCase(string? input, string? expected)
    {
        CanonicalCondition.Key(input).ShouldBe(expected);
    }
}
