using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>Which orders hold stock, per platform, from payloads shaped as each platform documents its order.</summary>
public sealed class OrderStatusRulesTests
{
    [Fact]
    public void ShopifyPublishedSample_TestVoidedCancelled_CommitsNothingWithTheReason()
    {
        var sales = ShopifyOrderWebhook.ToSaleEvents(Fixture());

        sales.Count.ShouldBe(2);
        sales.ShouldAllBe(s => s.CommittedQuantity == 0 && s.Quantity == 1 && s.Sku == "IPOD2008PINK");
        sales[0].StatusReason.ShouldBe("Shopify test order");
        sales[0].EventId.ShouldBe("shopify:820982911946154508:866550311766439020");
    }

    [Theory]
    [InlineData("paid", null, 1)]
    [InlineData("pending", null, 1)]
    [InlineData("authorized", null, 1)]
    [InlineData("partially_refunded", null, 1)]
    [InlineData("refunded", null, 1)]
    [InlineData("voided", null, 0)]
    [InlineData("paid", "restocked", 0)]
    [InlineData("paid", "fulfilled", 1)]
    public void ShopifyRealOrder_CommitsUnlessVoidedOrRestocked(string financial, string? fulfillment, int committed)
    {
        var order = Order(test: false, cancelled: false);
        order["financial_status"] = financial;
        order["fulfillment_status"] = fulfillment;

        var sales = ShopifyOrderWebhook.ToSaleEvents(Bytes(order));

        sales.ShouldAllBe(s => s.CommittedQuantity == committed);
        (sales[0].StatusReason is null).ShouldBe(committed == 1);
    }

    [Fact]
    public void ShopifyCancelledOrder_CommitsNothing()
    {
        var sales = ShopifyOrderWebhook.ToSaleEvents(Bytes(Order(test: false, cancelled: true)));

        sales.ShouldAllBe(s => s.CommittedQuantity == 0 && s.StatusReason == "cancelled on Shopify (customer)");
    }

    [Fact]
    public void ShopifyRefund_GivesBackOnlyRestockedUnitsOfItsLine()
    {
        var order = Order(test: false, cancelled: false);
        order["line_items"]![0]!["quantity"] = 3;
        order["financial_status"] = "partially_refunded";
        order["refunds"] = new JsonArray(
            Refund(866550311766439020, 1, "return"),
            Refund(866550311766439020, 1, "no_restock"),
            Refund(141249953214522974, 1, "no_restock"));

        var sales = ShopifyOrderWebhook.ToSaleEvents(Bytes(order));

        sales[0].CommittedQuantity.ShouldBe(2);
        sales[0].StatusReason.ShouldBe("refunded on Shopify, 1 restocked");
        sales[1].CommittedQuantity.ShouldBe(1);
    }

    [Fact]
    public void ShopifyUnreadableOrder_Throws() =>
        Should.Throw<ShopifyException>(() => ShopifyOrderWebhook.ToSaleEvents("{\"id\":1}"u8.ToArray()));

    [Theory]
    [InlineData("PAID", "NONE_REQUESTED", 2, null)]
    [InlineData("PENDING", "NONE_REQUESTED", 2, null)]
    [InlineData("PAID", "IN_PROGRESS", 2, null)]
    [InlineData("FULLY_REFUNDED", "CANCELED", 0, "cancelled on eBay")]
    [InlineData("FAILED", "NONE_REQUESTED", 0, "eBay payment failed")]
    public void EbayOrder_CommitsUnlessCancelledOrPaymentFailed(string payment, string cancel, int committed, string? reason)
    {
        var order = new EbayOrder
        {
            OrderId = "12-34567-89012",
            OrderPaymentStatus = payment,
            CancelStatus = new EbayCancelStatus(cancel),
            LineItems = [new EbayLineItem { LineItemId = "10001", Sku = "GTR-1", Quantity = 2, LineItemCost = new EbayAmount("20.00", "EUR") }],
        };

        var sale = EbaySales.ToSaleEvents(order).ShouldHaveSingleItem();

        sale.CommittedQuantity.ShouldBe(committed);
        sale.StatusReason.ShouldBe(reason);
        sale.EventId.ShouldBe("ebay:12-34567-89012:10001");
    }

    [Theory]
    [InlineData("unpaid", 1)]
    [InlineData("payment_pending", 1)]
    [InlineData("paid", 1)]
    [InlineData("shipped", 1)]
    [InlineData("cancelled", 0)]
    [InlineData("refunded", 0)]
    public void ReverbOrder_CommitsUnlessCancelledOrRefunded(string status, int committed)
    {
        var order = new ReverbOrder { OrderNumber = "1001", Sku = "GTR-1", ProductId = 55, Quantity = 1, Status = status };

        var sale = ReverbSales.ToSaleEvents(order).ShouldHaveSingleItem();

        sale.CommittedQuantity.ShouldBe(committed);
        (sale.StatusReason is not null).ShouldBe(committed == 0);
    }

    private static JsonObject Refund(long lineId, int quantity, string restockType) => new()
    {
        ["id"] = Random.Shared.NextInt64(1, long.MaxValue),
        ["refund_line_items"] = new JsonArray(new JsonObject { ["line_item_id"] = lineId, ["quantity"] = quantity, ["restock_type"] = restockType }),
    };

    private static JsonObject Order(bool test, bool cancelled)
    {
        var order = JsonNode.Parse(Fixture())!.AsObject();
        order["test"] = test;
        order["financial_status"] = cancelled ? "voided" : "paid";
        order["fulfillment_status"] = null;
        order["cancelled_at"] = cancelled ? "2021-12-31T19:00:00-05:00" : null;
        return order;
    }

    private static byte[] Bytes(JsonObject order) => Encoding.UTF8.GetBytes(order.ToJsonString());

    private static byte[] Fixture() =>
        File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Marketplace.Shared.Tests", "Marketplaces", "Fixtures", "shopify_webhook_orders_create.json"));
}
