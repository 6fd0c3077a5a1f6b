using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class CategoryMapTests
{
    private static readonly CategoryMap Map = new(
    [
        new CategoryMapping("guitars/electric", Platform.Ebay, "33034", "159948"),
        new CategoryMapping("guitars/electric", Platform.Shopify, "gid-electric", "gid-electric-left"),
        new CategoryMapping("guitars/electric", Platform.Reverb, "electric-guitars/solid-body"),
        new CategoryMapping("guitars/acoustic", Platform.VintageAndRare, "acoustic"),
    ]);

    private static Product Guitar(Handedness handedness, string category = "guitars/electric") =>
        new() { Sku = "G-1", Title = "Guitar", Category = category, Handedness = handedness };

    [Theory]
    [InlineData(Platform.Ebay, "159948")]
    [InlineData(Platform.Shopify, "gid-electric-left")]
    public void LeftHanded_OnCategoryPlatforms_MapsToLeftHandedCategory(Platform platform, string expected) =>
        Map.Resolve(Guitar(Handedness.Left), platform).ShouldBe(new PlatformCategory(expected, false));

    [Fact]
    public void LeftHanded_OnReverb_KeepsCategoryAndSetsAttribute() =>
        Map.Resolve(Guitar(Handedness.Left), Platform.Reverb).ShouldBe(new PlatformCategory("electric-guitars/solid-body", true));

    [Fact]
    public void RightHanded_MapsToRegularCategory() =>
        Map.Resolve(Guitar(Handedness.Right), Platform.Ebay).ShouldBe(new PlatformCategory("33034", false));

    [Fact]
    public void LeftHanded_WithoutLeftMapping_FailsNamingCategory()
    {
        var ex = Should.Throw<CatalogValidationException>(() => Map.Resolve(Guitar(Handedness.Left, "guitars/acoustic"), Platform.VintageAndRare));
        ex.Field.ShouldBe("category");
    }

    [Fact]
    public void ProductOverride_Wins() =>
        Map.Resolve(Guitar(Handedness.Left) with { PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "999" } }, Platform.Ebay)
            .CategoryId.ShouldBe("999");

    [Fact]
    public void HandednessDefaultsToRight_AndArtistOwnedToFalse()
    {
        var product = new Product { Sku = "X", Title = "X" };
        product.Handedness.ShouldBe(Handedness.Right);
        product.ArtistOwned.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Platform.Ebay, new[] { "159948" }, Handedness.Left)]
    [InlineData(Platform.Ebay, new[] { "33034" }, Handedness.Right)]
    [InlineData(Platform.Shopify, new[] { "gid-electric-left" }, Handedness.Left)]
    [InlineData(Platform.Reverb, new[] { "solid-body", "left-handed" }, Handedness.Left)]
    [InlineData(Platform.Reverb, new[] { "solid-body" }, Handedness.Right)]
    public void HandednessOf_MapsTheListingsCategoriesBack(Platform platform, string[] categories, Handedness expected) =>
        HandedMap.HandednessOf(platform, categories).ShouldBe(expected);

    [Fact]
    public void HandednessOf_CategoriesWithoutALeftHandedMapping_SayNothing()
    {
        HandedMap.HandednessOf(Platform.Ebay, ["99999"]).ShouldBeNull();
        HandedMap.HandednessOf(Platform.VintageAndRare, ["acoustic"]).ShouldBeNull();
        HandedMap.HandednessOf(Platform.Ebay, []).ShouldBeNull();
    }

    [Fact]
    public void LeftHanded_OnReverbWithALeftHandedMapping_CarriesTheSubCategoryBesideTheCategory() =>
        HandedMap.Resolve(Guitar(Handedness.Left), Platform.Reverb).ShouldBe(new PlatformCategory("solid-body", true, "left-handed"));

    private static readonly CategoryMap HandedMap = new(
    [
        new CategoryMapping("guitars/electric", Platform.Ebay, "33034", "159948"),
        new CategoryMapping("guitars/electric", Platform.Shopify, "gid-electric", "gid-electric-left"),
        new CategoryMapping("guitars/electric", Platform.Reverb, "solid-body", "left-handed"),
        new CategoryMapping("guitars/acoustic", Platform.VintageAndRare, "acoustic"),
    ]);
}
