using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class ListingDraftMapperTests
{
    private static readonly CategoryMap Map = new(
    [
        new CategoryMapping("guitars/electric", Platform.Shopify, "gid-electric", "gid-electric-left"),
        new CategoryMapping("guitars/electric", Platform.Reverb, "solid-body"),
    ]);

    private static readonly Product Guitar = new()
    {
        Sku = "G-9",
        Title = "Left-handed Strat",
        BasePrice = 2400m,
        Quantity = 1,
        Status = ProductStatus.Active,
        Category = "guitars/electric",
        Handedness = Handedness.Left,
        ArtistOwned = true,
        Images = [new("images/g9/1.jpg"), new("images/g9/2.jpg")],
        PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Shopify] = new(-5m, 0m, PriceRounding.UpToNextThousandMinusOne) },
        ShippingProfiles = new Dictionary<Platform, string> { [Platform.Shopify] = "ship-uk" },
    };

    [Fact]
    public void Shopify_GetsRuledPrice_LeftCategory_ProfileAndOrderedImages()
    {
        var draft = ListingDraftMapper.ToDraft(Guitar, Platform.Shopify, Map, i => "https://cdn.test/" + i.Blob);

        (draft.Price, draft.CategoryId, draft.ShippingProfileId, draft.Publish).ShouldBe((2999m, "gid-electric-left", "ship-uk", true));
        draft.ImageUrls.ShouldBe(["https://cdn.test/images/g9/1.jpg", "https://cdn.test/images/g9/2.jpg"]);
        draft.Attributes["artistOwned"].ShouldBe("true");
        draft.Attributes.ContainsKey("leftHanded").ShouldBeFalse();
    }

    [Fact]
    public void Reverb_KeepsCategory_AndMarksLeftHandedAttribute()
    {
        var draft = ListingDraftMapper.ToDraft(Guitar, Platform.Reverb, Map, i => i.Blob);

        (draft.Price, draft.CategoryId, draft.Attributes["leftHanded"]).ShouldBe((2400m, "solid-body", "true"));
    }

    [Fact]
    public void TheWeightAndDimensions_TravelWithTheDraft()
    {
        var draft = ListingDraftMapper.ToDraft(Guitar with { WeightKg = 3.6m, Dimensions = new Dimensions(105m, 40m, 12m) }, Platform.Ebay, Map, i => i.Blob);

        (draft.WeightKg, draft.Dimensions).ShouldBe((3.6m, new Dimensions(105m, 40m, 12m)));
    }

    [Fact]
    public void NonActiveProduct_IsNotPublished_AndHasNoStock()
    {
        var draft = ListingDraftMapper.ToDraft(Guitar with { Status = ProductStatus.Draft }, Platform.Reverb, Map, i => i.Blob);

        (draft.Publish, draft.Quantity).ShouldBe((false, 0));
    }

    [Fact]
    public void Reverb_GetsTheLeftHandedSubCategoryAndTheProductsAccounts_OthersNeither()
    {
        var map = new CategoryMap([new CategoryMapping("guitars/electric", Platform.Reverb, "solid-body", "left-handed"), new CategoryMapping("guitars/electric", Platform.Shopify, "gid-electric", "gid-electric-left")]);
        var product = Guitar with { ReverbAccounts = ["default", "b"] };

        var reverb = ListingDraftMapper.ToDraft(product, Platform.Reverb, map, i => i.Blob);
        var shopify = ListingDraftMapper.ToDraft(product, Platform.Shopify, map, i => i.Blob);

        reverb.CategoryId.ShouldBe("solid-body");
        reverb.Attributes["leftHandedCategoryId"].ShouldBe("left-handed");
        reverb.Attributes["reverbAccounts"].ShouldBe("default,b");
        shopify.CategoryId.ShouldBe("gid-electric-left");
        shopify.Attributes.Keys.ShouldNotContain("leftHandedCategoryId");
        shopify.Attributes.Keys.ShouldNotContain("reverbAccounts");
        ListingDraftMapper.ToDraft(Guitar, Platform.Reverb, map, i => i.Blob).Attributes.Keys.ShouldNotContain("reverbAccounts");
    }
}
