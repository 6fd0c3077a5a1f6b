using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class QuantityRuleTests
{
    [Theory]
    [InlineData(100, null, 0, false, 7, true, 7)]
    [InlineData(50, null, 0, false, 7, true, 3)]
    [InlineData(50, null, 0, false, 1, false, 1)]
    [InlineData(10, null, 0, false, 3, true, 1)]
    [InlineData(0, null, 0, false, 3, true, 0)]
    [InlineData(100, 5, 0, false, 12, true, 5)]
    [InlineData(100, null, 2, false, 3, true, 1)]
    [InlineData(100, null, 2, false, 2, true, 0)]
    [InlineData(50, 4, 2, false, 20, true, 4)]
    [InlineData(100, null, 0, true, 5, true, 0)]
    [InlineData(100, null, 0, true, 1, false, 1)]
    public void Apply_ShapesTheStockShown(int percent, int? maximum, int buffer, bool oneOffOnly, int stock, bool stocked, int shown) =>
        new QuantityRule(percent, maximum, buffer, oneOffOnly).Apply(stock, stocked).ShouldBe(shown);

    [Fact]
    public void None_IsTheIdentity()
    {
        QuantityRule.None.IsIdentity.ShouldBeTrue();
        new QuantityRule(Buffer: 1).IsIdentity.ShouldBeFalse();
        QuantityRule.None.Apply(42, true).ShouldBe(42);
    }

    [Theory]
    [InlineData(101, null, 0, "percent")]
    [InlineData(-1, null, 0, "percent")]
    [InlineData(100, -1, 0, "maximum")]
    [InlineData(100, null, -2, "buffer")]
    public void Validate_NamesTheField(int percent, int? maximum, int buffer, string field) =>
        new QuantityRule(percent, maximum, buffer).Validate().Keys.ShouldBe([field]);

    [Fact]
    public void Draft_CarriesTheShapedQuantity_AndADraftProductShowsNone()
    {
        var product = new Product { Sku = "QR-1", Title = "Amp", BasePrice = 100m, Quantity = 8, Stocked = true, Status = ProductStatus.Active };
        var categories = new CategoryMap([]);

        ListingDraftMapper.ToDraft(product, Platform.Ebay, categories, i => i.Blob, new QuantityRule(Maximum: 2)).Quantity.ShouldBe(2);
        ListingDraftMapper.ToDraft(product, Platform.Ebay, categories, i => i.Blob).Quantity.ShouldBe(8);
        ListingDraftMapper.ToDraft(product with { Status = ProductStatus.Draft }, Platform.Ebay, categories, i => i.Blob, new QuantityRule(Maximum: 2)).Quantity.ShouldBe(0);
    }
}
