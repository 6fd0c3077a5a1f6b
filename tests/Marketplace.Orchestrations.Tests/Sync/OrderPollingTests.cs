using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Orders found by polling follow the same status rules as their webhooks: a cancellation gives the stock back once.</summary>
[Trait("Category", "Integration")]
public sealed class OrderPollingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ShopifyOrderCancelled_FoundByPolling_GivesTheUnitBackOnce()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "SHPL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku, quantity: 3, stocked: true);
        var (created, _) = await harness.BuyOnPlatformAsync(Platform.Shopify, sku);
        var shopify = harness.Connectors.Get(Platform.Shopify);
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBeGreaterThanOrEqualTo(1);
        (await harness.WaitAsync((await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem())).Quantity.ShouldBe(2);

        await OrderStatusTests.CancelOnShopifyAsync(harness, JsonNode.Parse(created)!["id"]!.GetValue<long>());
        var cancelled = (await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(1);
        var result = await OrderStatusTests.WaitReturnAsync(harness, cancelled);
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(0);

        cancelled.CommittedQuantity.ShouldBe(0);
        cancelled.StatusReason.ShouldBe("cancelled on Shopify");
        result.Line.ShouldBe(OrderLineOutcome.Returned);
        result.Quantity.ShouldBe(3);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(3);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
        harness.Shop.AvailableFor(sku).ShouldBe(3);
    }

    [Fact]
    public async Task LastUnitSoldOnEbay_ReturnedAndRefunded_IsBackEverywhereOnce_WhileAnOpenReturnChangesNothing()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "EBRT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);
        var orderId = harness.EbayReverb.Ebay.CreateOrder([(sku, 1, 100m)])["orderId"]!.GetValue<string>();
        var ebay = harness.Connectors.Get(Platform.Ebay);
        await harness.Sales.StartPolledAsync(ebay, since);
        (await harness.WaitAsync((await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem())).Quantity.ShouldBe(0);

        harness.EbayReverb.Ebay.CreateReturn(orderId, sku, 1, refunded: false).ShouldNotBeNull();
        (await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem().CommittedQuantity.ShouldBe(1);
        (await harness.Sales.StartPolledAsync(ebay, since)).ShouldBe(0);
        harness.EbayReverb.Ebay.CreateReturn(orderId, sku, 1, refunded: true).ShouldNotBeNull();
        var returned = (await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartPolledAsync(ebay, since)).ShouldBe(1);
        var result = await OrderStatusTests.WaitReturnAsync(harness, returned);
        (await harness.Sales.StartPolledAsync(ebay, since)).ShouldBe(0);

        returned.CommittedQuantity.ShouldBe(0);
        returned.StatusReason!.ShouldStartWith("returned on eBay");
        result.Line.ShouldBe(OrderLineOutcome.Returned);
        result.Quantity.ShouldBe(1);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.Relist);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(1);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
        foreach (var platform in new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb })
        {
            (await harness.Connectors.Get(platform).FindListingAsync(sku))!.Status.ShouldBe("ACTIVE", $"{platform}");
        }
    }
}
