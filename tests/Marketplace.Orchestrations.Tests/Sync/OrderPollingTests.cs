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
        cancelled.StatusReason.ShouldBe("cancelled on Shopify (customer)");
        result.Line.ShouldBe(OrderLineOutcome.Returned);
        result.Quantity.ShouldBe(3);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(3);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
        harness.Shop.AvailableFor(sku).ShouldBe(3);
    }

    [Fact]
    public async Task ShopifyRefundWithRestock_ThenCancel_FoundByPolling_GiveEachUnitBackOnce()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "SHRF-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku, quantity: 4, stocked: true);
        var order = await ShopifyOrderAsync(harness, "shopify-sandbox/orders", new { lines = new[] { new { sku, quantity = 2 } } });
        var shopify = harness.Connectors.Get(Platform.Shopify);
        await harness.Sales.StartPolledAsync(shopify, since);
        await harness.WaitAsync((await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem());
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(2);

        var lineId = order["line_items"]![0]!["id"]!.GetValue<long>();
        await ShopifyOrderAsync(harness, $"shopify-sandbox/orders/{order["id"]}/refunds",
            new { refund = new { refund_line_items = new[] { new { line_item_id = lineId, quantity = 1, restock_type = "return" } } } });
        var refunded = (await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(1);
        (await OrderStatusTests.WaitReturnAsync(harness, refunded)).Quantity.ShouldBe(3);
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(0);

        await OrderStatusTests.CancelOnShopifyAsync(harness, order["id"]!.GetValue<long>());
        var cancelled = (await harness.PolledSalesAsync(Platform.Shopify, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(1);
        var result = await OrderStatusTests.WaitReturnAsync(harness, cancelled);
        (await harness.Sales.StartPolledAsync(shopify, since)).ShouldBe(0);

        (refunded.CommittedQuantity, cancelled.CommittedQuantity).ShouldBe((1, 0));
        result.Quantity.ShouldBe(4);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(4);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(2);
        harness.Shop.AvailableFor(sku).ShouldBe(4);
    }

    private static async Task<JsonObject> ShopifyOrderAsync(SyncHarness harness, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = harness.Shopify.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Shopify-Access-Token", harness.ShopToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
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
