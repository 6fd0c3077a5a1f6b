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
    [InlineData(null)]
    public void OtherStatuses_HoldTheStock(string? status) =>
        DiscogsSales.ReleasedReason(status).ShouldBeNull();
}
