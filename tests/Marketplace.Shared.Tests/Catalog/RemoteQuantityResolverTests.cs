using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Marketplaces;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>Sales first, then drift: the pure rule that compares a platform's quantity with the ledger.</summary>
public sealed class RemoteQuantityResolverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Fact]
    public void Resolve_WithASaleNotYetInTheLedger_AddsItBack_AndSeesNoChange()
    {
        var entries = new[] { Entry("create:A", null, LedgerReason.Adjustment, 3, 3, 1, T0.AddDays(-1)) };

        var r = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 2, entries, [Sale("1", 1, T0.AddMinutes(-1))], T0, Window);

        (r.Catalog, r.Effective, r.IsChange).ShouldBe((3, 3, false));
        r.Unledgered.ShouldHaveSingleItem().EventId.ShouldBe("shopify:1:1");
    }

    [Fact]
    public void Resolve_WithACancelledSaleNotInTheLedger_AddsNothingBack()
    {
        var entries = new[] { Entry("create:A", null, LedgerReason.Adjustment, 3, 3, 1, T0.AddDays(-1)) };
        var cancelled = Sale("1", 1, T0.AddMinutes(-1)).WithCommitted(0, "cancelled on Shopify");

        var r = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 3, entries, [cancelled], T0, Window);

        (r.Effective, r.IsChange, r.Unledgered.Count).ShouldBe((3, false, 0));
    }

    [Fact]
    public void Resolve_WithTheSaleInTheLedger_ComparesAsReported()
    {
        var entries = new[] { Entry("create:A", null, LedgerReason.Adjustment, 3, 3, 1, T0.AddDays(-1)), Entry("shopify:1:1", Platform.Shopify, LedgerReason.Sale, -1, 2, 2, T0) };

        var r = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 2, entries, [Sale("1", 1, T0.AddMinutes(-1))], T0, Window);

        (r.Effective, r.IsChange, r.Unledgered.Count).ShouldBe((2, false, 0));
    }

    [Fact]
    public void Resolve_WithALedgeredSaleAfterTheRead_TakesItOff()
    {
        var entries = new[] { Entry("create:A", null, LedgerReason.Adjustment, 3, 3, 1, T0.AddDays(-1)), Entry("shopify:1:1", Platform.Shopify, LedgerReason.Sale, -1, 2, 2, T0.AddMinutes(2)) };

        var r = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 3, entries, [Sale("1", 1, T0.AddMinutes(1))], T0, Window);

        (r.Effective, r.IsChange).ShouldBe((2, false));
    }

    [Fact]
    public void Resolve_WhatRemainsAfterTheSales_IsAChange_AndOtherPlatformsAndSkusAreIgnored()
    {
        var entries = new[] { Entry("create:A", null, LedgerReason.Adjustment, 5, 5, 1, T0.AddDays(-1)) };
        var others = new[] { Sale("1", 1, T0.AddMinutes(-1)), Sale("2", 2, T0.AddMinutes(-1)) with { Sku = "B" }, Sale("3", 1, T0.AddMinutes(-1)) with { Platform = "ebay" } };

        var r = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 2, entries, others.Append(others[0]), T0, Window);

        (r.Effective, r.IsChange, r.Unledgered.Count).ShouldBe((3, true, 1));
    }

    [Fact]
    public void Resolve_EqualToARecentPushForAnotherPlatformsSale_IsAnEcho()
    {
        var entries = new[]
        {
            Entry("create:A", null, LedgerReason.Adjustment, 5, 5, 1, T0.AddDays(-1)),
            Entry("ebay:9:1", Platform.Ebay, LedgerReason.Sale, -1, 4, 2, T0.AddMinutes(-2)),
            Entry("ebay:9:2", Platform.Ebay, LedgerReason.Sale, -1, 3, 3, T0.AddMinutes(-1)),
        };

        var echo = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 4, entries, [], T0, Window);
        var stale = RemoteQuantityResolver.Resolve("A", Platform.Shopify, 5, entries, [], T0.AddDays(2), Window);

        (echo.Echo, echo.IsChange).ShouldBe((true, false));
        (stale.Echo, stale.IsChange).ShouldBe((false, true));
    }

    private static SaleEvent Sale(string order, int quantity, DateTimeOffset at) => new("shopify", order, "1", "A", quantity, 10m, "EUR", at);

    private static LedgerEntry Entry(string eventId, Platform? source, LedgerReason reason, int delta, int after, long sequence, DateTimeOffset at) => new()
    {
        Sku = "A", EventId = eventId, Source = source, Reason = reason, RequestedDelta = delta, AppliedDelta = delta, QuantityAfter = after, Sequence = sequence,
        Actor = "test", CorrelationId = "c", At = at,
    };
}
