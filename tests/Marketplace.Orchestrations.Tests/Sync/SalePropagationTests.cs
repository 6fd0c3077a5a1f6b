using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Sale propagation against Azurite and the Shopify, eBay and Reverb sandboxes.</summary>
[Trait("Category", "Integration")]
public sealed class SalePropagationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(Platform.Shopify)]
    [InlineData(Platform.Ebay)]
    [InlineData(Platform.Reverb)]
    public async Task SaleOnOnePlatform_EndsTheOneOffItemOnAllOthers(Platform soldOn)
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "SALE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);

        await harness.BuyOnPlatformAsync(soldOn, sku);
        var sale = (await harness.PolledSalesAsync(soldOn, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Outcome.ShouldBe(LedgerOutcome.Applied);
        result.Quantity.ShouldBe(0);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe(PlatformNames.Values.Take(3).Where(p => p != soldOn).Order());
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.End);
        foreach (var platform in harness.Connectors.Platforms.Where(p => p != soldOn))
        {
            var remote = await harness.Connectors.Get(platform).FindListingAsync(sku);
            (remote is null || remote.Status != "ACTIVE").ShouldBeTrue($"{platform} still shows {remote?.Status}");
            (await harness.Listings.GetAsync(sku, platform))!.Status.ShouldBe(ListingStatus.Ended);
        }

        (await harness.Listings.GetAsync(sku, soldOn))!.Status.ShouldBe(ListingStatus.Sold);
    }

    [Fact]
    public async Task RedeliveredSale_IsANoOp()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "REDO-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku, quantity: 5, stocked: true);
        var sale = new SaleEvent("ebay", "ORD-1", "LINE-1", sku, 1, 1299m, "EUR", DateTimeOffset.UtcNow);

        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);
        (await harness.Sales.StartAsync(sale)).ShouldBeFalse();
        (await harness.Sales.StartAsync(sale with { OccurredAt = sale.OccurredAt.AddSeconds(5) })).ShouldBeFalse();

        result.Quantity.ShouldBe(4);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.SetQuantity);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(4);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Sale).ShouldBe(1);
    }

    [Fact]
    public async Task TwoPlatformsSellTheLastUnit_OneSaleOneOversellAndNothingLeftListed()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "LAST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);
        await harness.BuyOnPlatformAsync(Platform.Shopify, sku);
        await harness.BuyOnPlatformAsync(Platform.Ebay, sku);
        var shopifySale = (await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem();
        var ebaySale = (await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem();

        await Task.WhenAll(harness.Sales.StartAsync(shopifySale), harness.Sales.StartAsync(ebaySale));
        var results = await Task.WhenAll(harness.WaitAsync(shopifySale), harness.WaitAsync(ebaySale));

        results.Count(r => r.Outcome == LedgerOutcome.Applied).ShouldBe(1);
        var oversold = results.Single(r => r.Outcome == LedgerOutcome.Oversold);
        var winner = results.Single(r => r.Outcome == LedgerOutcome.Applied);
        var winningSale = winner.EventId == shopifySale.EventId ? shopifySale : ebaySale;
        oversold.Oversell.ShouldNotBeNull().CompetingOrders.ShouldBe([$"{winningSale.Platform}:{winningSale.OrderId}"]);
        var records = new List<OversellRecord>();
        await foreach (var record in harness.Ledger.ListOversellsAsync(sku))
        {
            records.Add(record);
        }

        records.ShouldHaveSingleItem().Shortfall.ShouldBe(1);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(0);
        var reverb = await harness.Connectors.Get(Platform.Reverb).FindListingAsync(sku);
        (reverb is null || reverb.Status != "ACTIVE").ShouldBeTrue($"reverb still shows {reverb?.Status}");
        (await harness.Listings.GetAsync(sku, Platform.Reverb))!.Status.ShouldBe(ListingStatus.Ended);
        foreach (var platform in new[] { Platform.Shopify, Platform.Ebay })
        {
            (await harness.Listings.GetAsync(sku, platform))!.Status.ShouldBeOneOf(ListingStatus.Sold, ListingStatus.Ended);
        }
    }

    [Fact]
    public async Task SaleOfUnknownSku_CompletesWithTheProblemAndTouchesNothing()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sale = new SaleEvent("reverb", "77", "77", "NOPE-" + Guid.NewGuid().ToString("N")[..6], 1, null, null, DateTimeOffset.UtcNow);

        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        result.Problem.ShouldNotBeNull().ShouldContain(sale.Sku);
        result.Platforms.ShouldBeEmpty();
    }
}
