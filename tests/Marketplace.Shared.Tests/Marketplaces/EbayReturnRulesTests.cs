using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Ebay;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>Post-Order returns (shaped as <c>return/search</c> documents them): only a completed, refunded return gives stock back.</summary>
public sealed class EbayReturnRulesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("CLOSED", "MONEY_BACK", 100.0, 1)]
    [InlineData("CLOSED", "MONEY_BACK", null, 0)]
    [InlineData("ITEM_SHIPPED", "MONEY_BACK", null, 0)]
    [InlineData("RETURN_REQUESTED", "MONEY_BACK", null, 0)]
    [InlineData("CLOSED", "REPLACEMENT", 100.0, 0)]
    public void Return_GivesBackItsQuantity_OnlyWhenClosedWithARefund(string state, string type, double? refund, int units) =>
        EbaySales.RestockedUnits(Return(state, type, (decimal?)refund)).ShouldBe(units);

    [Fact]
    public void OrderLine_WithACompletedReturn_CommitsWhatTheBuyerKept()
    {
        var order = new EbayOrder
        {
            OrderId = "12-34-56",
            OrderPaymentStatus = "PAID",
            LineItems = [new EbayLineItem { LineItemId = "10001", LegacyItemId = "110551", Sku = "GTR-1", Quantity = 3, LineItemCost = new EbayAmount("30.00", "EUR") }],
        };
        var returns = new Dictionary<(string OrderId, string ItemId), (int Units, string ReturnId)> { [("12-34-56", "110551")] = (2, "5000123") };

        var sale = EbaySales.ToSaleEvents(order, returns).ShouldHaveSingleItem();

        sale.CommittedQuantity.ShouldBe(1);
        sale.StatusReason.ShouldBe("returned on eBay (return 5000123), refunded");
        EbaySales.ToSaleEvents(order).ShouldHaveSingleItem().CommittedQuantity.ShouldBe(3);
    }

    private static EbayReturn Return(string state, string type, decimal? refund)
    {
        var sellerTotalRefund = new JsonObject { ["estimatedRefundAmount"] = new JsonObject { ["value"] = 100.0m, ["currency"] = "EUR" } };
        if (refund is { } value)
        {
            sellerTotalRefund["actualRefundAmount"] = new JsonObject { ["value"] = value, ["currency"] = "EUR" };
        }

        var json = new JsonObject
        {
            ["returnId"] = "5000123",
            ["orderId"] = "12-34-56",
            ["currentType"] = type,
            ["state"] = state,
            ["status"] = state,
            ["creationInfo"] = new JsonObject
            {
                ["item"] = new JsonObject { ["itemId"] = "110551", ["transactionId"] = "10001", ["returnQuantity"] = 1 },
                ["type"] = type,
                ["reason"] = "NO_LONGER_NEED_ITEM",
                ["creationDate"] = new JsonObject { ["value"] = "2026-11-20T10:00:00.000Z" },
            },
            ["sellerTotalRefund"] = sellerTotalRefund,
        };
        return json.Deserialize<EbayReturn>(Json)!;
    }
}
