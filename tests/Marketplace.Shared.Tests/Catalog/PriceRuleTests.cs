using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class PriceRuleTests
{
    [Theory]
    [InlineData("1234.50", "1999")]
    [InlineData("999", "999")]
    [InlineData("999.01", "1999")]
    [InlineData("1999.01", "2999")]
    [InlineData("0", "999")]
    public void UpToNextThousandMinusOne_RoundsUpToXComma999(string price, string expected) =>
        PriceRounding.UpToNextThousandMinusOne.Apply(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1234.50", "1299.99")]
    [InlineData("1299.99", "1299.99")]
    [InlineData("1300", "1399.99")]
    public void UpToNextHundredMinusCent_RoundsUpToX99_99(string price, string expected) =>
        PriceRounding.UpToNextHundredMinusCent.Apply(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Apply_PercentThenFixedThenRounding()
    {
        // 1000 * 1.10 = 1100, + 25 = 1125, up to next ...99.99 = 1199.99
        new PriceRule(10m, 25m, PriceRounding.UpToNextHundredMinusCent).Apply(1000m).ShouldBe(1199.99m);
    }

    [Fact]
    public void Apply_FivePercentDiscountWithX999_MatchesShopifyParityRule()
    {
        // The shop's rule: Reverb price less 5%, rounded up to the nearest x,999.
        new PriceRule(-5m, 0m, PriceRounding.UpToNextThousandMinusOne).Apply(2400m).ShouldBe(2999m);
    }

    [Fact]
    public void Apply_RoundsHalfAwayFromZeroToCents() => new PriceRule(10m).Apply(0.05m).ShouldBe(0.06m);

    [Fact]
    public void Apply_WhenRuleMakesPriceNegative_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PriceRule(0m, -20m).Apply(10m));

    [Fact]
    public void Rounding_WithEndingNotBelowStep_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PriceRounding(100m, 100m));

    [Theory]
    [InlineData("+10%", 10, 0, null)]
    [InlineData("-5%@1000/999", -5, 0, "1000/999")]
    [InlineData("+25", 0, 25, null)]
    [InlineData("+8%+2.50@1/0.99", 8, 2.50, "1/0.99")]
    public void Parse_CompactForm(string text, double percent, double fixedMarkup, string? rounding)
    {
        PriceRuleParser.TryParse(text, out var rule, out var error).ShouldBeTrue(error);
        rule!.PercentMarkup.ShouldBe((decimal)percent);
        rule.FixedMarkup.ShouldBe((decimal)fixedMarkup);
        rule.Rounding?.ToString().ShouldBe(rounding);
    }

    [Theory]
    [InlineData("ten percent")]
    [InlineData("+10%@100/100")]
    [InlineData("-100%")]
    [InlineData("")]
    public void Parse_RejectsInvalid(string text) => PriceRuleParser.TryParse(text, out _, out _).ShouldBeFalse();

    [Fact]
    public void ParseMap_RoundTripsThroughFormat()
    {
        PriceRuleParser.TryParseMap("ebay=+10%;shopify=-5%@1000/999", out var rules, out var error).ShouldBeTrue(error);
        rules[Platform.Ebay].ShouldBe(new PriceRule(10m));
        PriceRuleParser.Format(rules).ShouldBe("shopify=-5%@1000/999;ebay=+10%");
    }

    [Fact]
    public void ParseMap_UnknownPlatform_NamesTheAcceptedOnes()
    {
        PriceRuleParser.TryParseMap("etsy=+10%", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("vintageandrare");
    }
}
