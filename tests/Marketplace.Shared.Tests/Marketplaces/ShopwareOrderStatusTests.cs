using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>Shopware orders as the Admin API returns them (order state, payment transactions with their states): which hold stock.</summary>
public sealed class ShopwareOrderStatusTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("open", "open", 2, null)]
    [InlineData("open", "paid", 2, null)]
    [InlineData("in_progress", "authorized", 2, null)]
    [InlineData("completed", "refunded_partially", 2, null)]
    [InlineData("open", "refunded", 0, "payment refunded on Shopware")]
    [InlineData("open", "cancelled", 0, "payment cancelled on Shopware")]
    [InlineData("cancelled", "paid", 0, "cancelled on Shopware")]
    public void Order_CommitsItsLines_UnlessCancelledOrItsPaymentIsRefundedOrCancelled(string orderState, string paymentState, int committed, string? reason)
    {
        var sale = ShopwareSales.ToSaleEvents(Order(orderState, ("2026-12-01T10:00:00.000+00:00", paymentState))).ShouldHaveSingleItem();

        (sale.Quantity, sale.CommittedQuantity, sale.StatusReason).ShouldBe((2, committed, reason));
        sale.EventId.ShouldBe("shopware:10042:0191e6a4b9d97f2a8a4f5b8c6d7e8f90");
    }

    [Fact]
    public void NewestTransaction_IsThePaymentThatCounts()
    {
        var retried = Order("open", ("2026-12-01T10:05:00.000+00:00", "paid"), ("2026-12-01T10:00:00.000+00:00", "cancelled"));
        var refunded = Order("open", ("2026-12-01T10:00:00.000+00:00", "paid"), ("2026-12-02T09:00:00.000+00:00", "refunded"));

        ShopwareSales.ToSaleEvents(retried).ShouldHaveSingleItem().CommittedQuantity.ShouldBe(2);
        ShopwareSales.ToSaleEvents(refunded).ShouldHaveSingleItem().CommittedQuantity.ShouldBe(0);
    }

    [Fact]
    public void Criteria_NestsDottedAssociations_AsShopwareExpects()
    {
        var json = new ShopwareCriteria { Associations = ["lineItems", "transactions.stateMachineState"] }.ToJson();

        json["associations"]!.ToJsonString().ShouldBe("""{"lineItems":{},"transactions":{"associations":{"stateMachineState":{}}}}""");
    }

    private static ShopwareOrder Order(string state, params (string CreatedAt, string State)[] transactions) => new JsonObject
    {
        ["id"] = "0191e6a4b9d97f2a8a4f5b8c6d7e8f00",
        ["orderNumber"] = "10042",
        ["orderDateTime"] = "2026-12-01T09:59:00.000+00:00",
        ["stateMachineState"] = new JsonObject { ["technicalName"] = state, ["apiAlias"] = "state_machine_state" },
        ["currency"] = new JsonObject { ["isoCode"] = "EUR" },
        ["transactions"] = new JsonArray([.. transactions.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString("N"),
            ["createdAt"] = t.CreatedAt,
            ["stateMachineState"] = new JsonObject { ["technicalName"] = t.State, ["apiAlias"] = "state_machine_state" },
            ["apiAlias"] = "order_transaction",
        })]),
        ["lineItems"] = new JsonArray(new JsonObject
        {
            ["id"] = "0191e6a4b9d97f2a8a4f5b8c6d7e8f90", ["type"] = "product", ["quantity"] = 2, ["unitPrice"] = 1190.0,
            ["payload"] = new JsonObject { ["productNumber"] = "SW-ES335" }, ["apiAlias"] = "order_line_item",
        }),
    }.Deserialize<ShopwareOrder>(Web)!;
}
