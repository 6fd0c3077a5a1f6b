using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

public sealed class ShopifyCatalogMapperTests
{
    private static readonly Product Current = new()
    {
        Sku = "SKU-1", Title = "Old", BasePrice = 1000m, Quantity = 2, Stocked = true,
        Identifiers = new RecordIdentifiers { Barcode = "0123456789012", CatalogueNumber = "OLD-1" },
    };

    [Fact]
    public void ToIncoming_MapsMetafieldsToCanonicalFields_AndLeavesUnreportedOnesOut()
    {
        var incoming = ShopifyCatalogMapper.ToIncoming(Product(
            ("model", "Les Paul"), ("year", "1959"), ("condition", "Very Good"), ("handedness", "left"), ("artistowned", "true"),
            ("cataloguenumber", "NEW-2"), ("discogsreleaseid", "12345")), Current, includeQuantity: false);

        incoming["title"]!.GetValue<string>().ShouldBe("New title");
        incoming["brand"]!.GetValue<string>().ShouldBe("Fender");
        incoming["model"]!.GetValue<string>().ShouldBe("Les Paul");
        incoming["year"]!.GetValue<int>().ShouldBe(1959);
        incoming["condition"]!.GetValue<string>().ShouldBe("VERY_GOOD");
        incoming["handedness"]!.GetValue<string>().ShouldBe("LEFT");
        incoming["artistOwned"]!.GetValue<bool>().ShouldBeTrue();
        incoming["identifiers"]!["barcode"]!.GetValue<string>().ShouldBe("0123456789012");
        incoming["identifiers"]!["catalogueNumber"]!.GetValue<string>().ShouldBe("NEW-2");
        incoming["identifiers"]!["discogsReleaseId"]!.GetValue<long>().ShouldBe(12345L);
        incoming.ContainsKey("quantity").ShouldBeFalse();
        incoming.ContainsKey("weightKg").ShouldBeFalse();
        incoming.ContainsKey("images").ShouldBeFalse();
    }

    [Fact]
    public void ToIncoming_WithUnknownConditionWord_LeavesConditionOut_AndQuantityWhenAsked()
    {
        var incoming = ShopifyCatalogMapper.ToIncoming(Product(("condition", "Battered")), Current, includeQuantity: true);

        incoming.ContainsKey("condition").ShouldBeFalse();
        incoming["quantity"]!.GetValue<int>().ShouldBe(4);
        incoming.ContainsKey("identifiers").ShouldBeFalse();
    }

    [Theory]
    [InlineData(1100, 1000)] // the rule's own price: base price unchanged
    [InlineData(1210, 1100)] // +10% undone
    public void BasePrice_UndoesTheShopifyPriceRule(decimal shopifyPrice, decimal expected)
    {
        var product = Current with { PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Shopify] = new(PercentMarkup: 10m) } };

        ShopifyCatalogMapper.BasePrice(shopifyPrice, product).ShouldBe(expected);
    }

    [Fact]
    public void BasePrice_WithRoundingRule_KeepsTheBaseWhenTheRuleStillGivesThePrice()
    {
        var product = Current with { BasePrice = 1234.5m, PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Shopify] = new(Rounding: PriceRounding.UpToNextThousandMinusOne) } };

        ShopifyCatalogMapper.BasePrice(1999m, product).ShouldBe(1234.5m);
        ShopifyCatalogMapper.BasePrice(1500m, Current).ShouldBe(1500m);
    }

    [Fact]
    public void SkuOf_FallsBackToTheSkuMetafield_AndIsNullWithoutEither()
    {
        ShopifyCatalogMapper.SkuOf(Product() with { Variants = [new ShopifyVariant("gid://shopify/ProductVariant/1", null, 1m, null, null)], Metafields = [new("marketplace", "sku", "single_line_text_field", "META-1")] }).ShouldBe("META-1");
        ShopifyCatalogMapper.SkuOf(Product() with { Variants = [] }).ShouldBeNull();
    }

    [Fact]
    public void ProductWebhook_WithMetafields_MapsThemLikeAnExport()
    {
        var body = """
            {"id":7,"title":"T","body_html":"<p>x</p>","vendor":"Fender","status":"active","variants":[{"id":8,"sku":"SKU-1","price":"1000.00","inventory_item_id":9}],
             "metafields":[{"id":1,"namespace":"marketplace","key":"model","value":"Jazzmaster","type":"single_line_text_field"},
                           {"id":2,"namespace":"other","key":"model","value":"ignored","type":"single_line_text_field"}]}
            """u8.ToArray();

        var parsed = (ShopifyProductChanged)ShopifyWebhookParser.Parse(new ShopifyWebhookHeaders("products/update", "wh-1", "s.myshopify.com", "2026-10", null, null), body);
        var incoming = ShopifyCatalogMapper.ToIncoming(parsed.Product, Current, includeQuantity: false);

        incoming["model"]!.GetValue<string>().ShouldBe("Jazzmaster");
        incoming["basePrice"]!.GetValue<decimal>().ShouldBe(1000m);
        ShopifyCatalogMapper.SkuOf(parsed.Product).ShouldBe("SKU-1");
    }

    private static ShopifyProduct Product(params (string Key, string Value)[] metafields) => new()
    {
        Id = "gid://shopify/Product/1",
        Title = "New title",
        DescriptionHtml = "<p>x</p>",
        Vendor = "Fender",
        Variants = [new ShopifyVariant("gid://shopify/ProductVariant/1", "SKU-1", 1000m, "gid://shopify/InventoryItem/1", 4)],
        Metafields = metafields.Select(m => new ShopifyMetafield("marketplace", m.Key, "single_line_text_field", m.Value)).ToList(),
    };
}
