using Marketplace.Shared.Discogs;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Marketplaces;

/// <summary>Discogs order statuses (as the API spells them): only cancelled orders give the record back.</summary>
public sealed class DiscogsSalesTests
{
    [Theory]
    [InlineData("Cancelled (Non-Paying Buyer)")]
    [InlineData("Cancelled (Item Unavailable)")]
    [InlineData("Cancelled (Per Buyer's Request)")]
    public void CancelledOrder_CommitsNoStock_WithTheStatusAsReason(string status) =>
        DiscogsSales.ReleasedReason(status).ShouldBe(status + " on Discogs");

    [Theory]
    [InlineData("New Order")]
    [InlineData("Buyer Contacted")]
    [InlineData("Invoice Sent")]
    [InlineData("Payment Pending")]
    [InlineData("Payment Received")]
    [InlineData("In Progress")]
    [InlineData("Shipped")]
    [InlineData("Refund Sent")]
    [InlineData("Merged")]
    [InlineData(null)]
    public void OtherStatuses_HoldTheStock(string? status) =>
        DiscogsSales.ReleasedReason(status).ShouldBeNull();

    [Fact]
    public void MergedOrders_GiveEachItemTheOrderThatSoldItFirst()
    {
        var first = DiscogsSales.FirstMergedOrders([Order("1-3", "Merged", 5, 30, 10), Order("1-1", "Merged", 1, 10), Order("1-2", "Payment Received", 2, 20)]);

        first.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value.Id}").ShouldBe(["10=1-1", "30=1-3"]);
        DiscogsSales.IsMerged(" merged ").ShouldBeTrue();
    }

    [Fact]
    public void OnlyTheFirstOrderAfterAMerge_TakesTheMergedOrderOver_ARecordSoldAgainLaterIsItsOwnSale()
    {
        var first = DiscogsSales.FirstMergedOrders([Order("1-1", "Merged", 1, 10), Order("1-2", "Merged", 2, 20)]);
        Dictionary<string, DiscogsOrder> orders = new()
        {
            ["older"] = Order("1-0", "Shipped", 0, 10), // sold before the merged order: not its heir
            ["combined"] = Order("1-3", "Cancelled (Per Buyer's Request)", 3, 10, 20),
            ["again"] = Order("1-4", "Payment Received", 9, 10),
        };

        var heirs = DiscogsSales.Heirs(first, orders.Values);

        heirs.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}").ShouldBe(["10=1-3", "20=1-3"]);
    }

    private static DiscogsOrder Order(string id, string status, int minute, params long[] items) =>
        new() { Id = id, Status = status, Created = new DateTimeOffset(2026, 12, 1, 10, minute, 0, TimeSpan.Zero), Items = [.. items.Select(i => new DiscogsOrderItem(i, null, null))] };
}
