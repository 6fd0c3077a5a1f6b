using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>A Shopify listing's taxonomy category maps handedness back whichever form the category map holds it in.</summary>
public sealed class ListingHandednessTests
{
    [Theory]
    [InlineData("gid://shopify/TaxonomyCategory/ma-2-3-1", "ma-2-3-1", Handedness.Left)]
    [InlineData("gid://shopify/TaxonomyCategory/ma-2-3", "gid://shopify/TaxonomyCategory/ma-2-3", Handedness.Right)]
    public void ShopifyListing_CategoryMapsHandednessBack(string listedIn, string mapped, Handedness expected)
    {
        var map = expected == Handedness.Left
            ? new CategoryMap([new CategoryMapping("guitars", Platform.Shopify, "ma-2-3", mapped)])
            : new CategoryMap([new CategoryMapping("guitars", Platform.Shopify, mapped, "ma-2-3-1")]);
        var product = new ShopifyProduct { Id = "gid://shopify/Product/1", CategoryId = listedIn, Variants = [new ShopifyVariant("v1", "LH-1", 100m, null, 1)] };

        var listing = ShopifyListingReader.ToListings(product, "shop.myshopify.com").ShouldHaveSingleItem();

        map.HandednessOf(Platform.Shopify, listing.CategoryIds!).ShouldBe(expected);
    }

    [Fact]
    public void ShopifyListing_WithoutCategory_SaysNothingAboutHandedness() =>
        ShopifyListingReader.ToListings(new ShopifyProduct { Id = "p", Variants = [new ShopifyVariant("v", "S-1", 1m, null, 1)] }, "s").Single().CategoryIds.ShouldBeNull();
}
