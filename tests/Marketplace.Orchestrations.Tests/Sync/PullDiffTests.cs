using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

public sealed class PullDiffTests
{
    private static readonly Product Guitar = new()
    {
        Sku = "G-1", Title = "Guitar", BasePrice = 1000m, Currency = "EUR", Quantity = 2,
        PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Ebay] = new(PercentMarkup: 10m, FixedMarkup: 5m), [Platform.Reverb] = new(Rounding: PriceRounding.UpToNextHundredMinusCent) },
    };

    [Theory]
    [InlineData(Platform.Ebay, "1105", "1000")]
    [InlineData(Platform.Ebay, "1215", "1100")]
    [InlineData(Platform.Shopify, "950", "950")]
    [InlineData(Platform.Reverb, "1099.99", "1000")]
    public void BasePriceFor_InvertsThePlatformsPriceRule(Platform platform, string remotePrice, string expectedBase)
    {
        PullDiff.BasePriceFor(Guitar, Remote(platform, decimal.Parse(remotePrice, System.Globalization.CultureInfo.InvariantCulture)), platform)
            .ShouldBe(decimal.Parse(expectedBase, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void BasePriceFor_APriceTheRoundingCannotGiveOrAnotherCurrency_IsLeftOut()
    {
        PullDiff.BasePriceFor(Guitar, Remote(Platform.Reverb, 1050m), Platform.Reverb).ShouldBeNull();
        PullDiff.BasePriceFor(Guitar, Remote(Platform.Shopify, 900m) with { Currency = "USD" }, Platform.Shopify).ShouldBeNull();
    }

    [Theory]
    [InlineData(Platform.Ebay, "159948", "LEFT")]
    [InlineData(Platform.Ebay, "33034", "RIGHT")]
    [InlineData(Platform.Shopify, "gid-left", "LEFT")]
    public void Incoming_MapsHandednessBackFromTheListingsCategories(Platform platform, string category, string expected)
    {
        var map = new CategoryMap([new CategoryMapping("guitars", Platform.Ebay, "33034", "159948"), new CategoryMapping("guitars", Platform.Shopify, "gid", "gid-left")]);
        var remote = Remote(platform, null) with { CategoryIds = [category] };

        PullDiff.Incoming(Guitar, remote, platform, categories: map)["handedness"]!.GetValue<string>().ShouldBe(expected);
        PullDiff.Incoming(Guitar, remote, platform).ContainsKey("handedness").ShouldBeFalse();
        PullDiff.Incoming(Guitar, remote with { CategoryIds = ["other"] }, platform, categories: map).ContainsKey("handedness").ShouldBeFalse();
    }

    [Fact]
    public void Incoming_HoldsOnlyTheReportedFields_AndQuantityWhenAsked()
    {
        var remote = Remote(Platform.Shopify, null) with { Title = "New", DescriptionHtml = null, Quantity = 1 };
        PullDiff.Incoming(Guitar, remote, Platform.Shopify).Select(p => p.Key).Order().ShouldBe(new[] { "quantity", "title" });
        PullDiff.Incoming(Guitar, remote, Platform.Shopify, includeQuantity: false).Select(p => p.Key).ShouldBe(new[] { "title" });
        PullDiff.Incoming(Guitar, remote with { Status = "ENDED" }, Platform.Shopify).Select(p => p.Key).ShouldBe(new[] { "title" });
    }

    [Fact]
    public void Cursor_OrdersByTimeThenSkuThenId_WithMissingTimesFirst()
    {
        var at = DateTimeOffset.UnixEpoch;
        var cursor = new PullCursor(at, "B", "2");
        cursor.IsBefore(at, "B", "3").ShouldBeTrue();
        cursor.IsBefore(at, "C", "0").ShouldBeTrue();
        cursor.IsBefore(at.AddTicks(1), "A", "0").ShouldBeTrue();
        cursor.IsBefore(at, "B", "2").ShouldBeFalse();
        cursor.IsBefore(at, "A", "9").ShouldBeFalse();
        cursor.IsBefore(null, "Z", "9").ShouldBeFalse();
    }

    private static RemoteListing Remote(Platform platform, decimal? price) =>
        new(platform.ToWire(), "G-1", "x-1", null, "ACTIVE", null, price, "EUR", null, null, DateTimeOffset.UnixEpoch);
}
