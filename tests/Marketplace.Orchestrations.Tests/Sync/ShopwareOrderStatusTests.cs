using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>A Shopware order cancelled after it sold gives the stock back through the same return path as the other platforms.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareOrderStatusTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LastUnitSoldOnShopware_CancelledThere_IsBackEverywhere_OnceForWebhookAndPoll()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "SWX-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);
        var purchase = await harness.Sandboxes.BuyAsync(Platform.Shopware, sku, Marketplace.TestSupport.Sync.SyncSeeding.ListedPrice);
        var sale = (await reader.ReadAsync("shopware", _ => null, purchase.Body)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        (await harness.WaitAsync(sale)).Quantity.ShouldBe(0);

        var cancellation = await harness.Sandboxes.CancelAsync(purchase);
        var cancelled = (await reader.ReadAsync("shopware", _ => null, cancellation.Body)).ShouldHaveSingleItem();
        cancelled.EventId.ShouldBe(sale.EventId);
        cancelled.CommittedQuantity.ShouldBe(0);
        (await harness.Sales.StartAsync(cancelled)).ShouldBeTrue();
        var result = await OrderStatusTests.WaitReturnAsync(harness, cancelled);
        var polled = (await harness.PolledSalesAsync(Platform.Shopware, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(polled)).ShouldBeFalse();

        result.Quantity.ShouldBe(1);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(1);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe([Platform.Shopify, Platform.Ebay, Platform.Reverb, Platform.Shopware]);
        result.Platforms.ShouldAllBe(p => p.Succeeded);
        (await harness.Listings.GetAsync(sku, Platform.Ebay))!.Status.ShouldBe(ListingStatus.Active);
        harness.Sandboxes.Shopware!.State.ProductByNumber(sku)!["stock"]!.GetValue<int>().ShouldBe(1);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
    }

    [Fact]
    public async Task ShopwarePaymentRefunded_AfterTheSale_GivesTheUnitBackOnce_ForWebhookAndPoll()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account, shopware: true);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "SWR-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku, quantity: 2, stocked: true);
        var purchase = await harness.Sandboxes.BuyAsync(Platform.Shopware, sku, Marketplace.TestSupport.Sync.SyncSeeding.ListedPrice);
        var sale = (await reader.ReadAsync("shopware", _ => null, purchase.Body)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        (await harness.WaitAsync(sale)).Quantity.ShouldBe(1);

        var state = harness.Sandboxes.Shopware!.State;
        var refunded = state.SetTransactionState(System.Text.Json.Nodes.JsonNode.Parse(purchase.Body)!["data"]!["payload"]!["order"]!["id"]!.GetValue<string>(), "refunded")!;
        var (body, _) = state.AppWebhook(refunded, "state_enter.order_transaction.state.refunded");
        var returned = (await reader.ReadAsync("shopware", _ => null, body)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(returned)).ShouldBeTrue();
        var result = await OrderStatusTests.WaitReturnAsync(harness, returned);
        (await harness.Sales.StartPolledAsync(harness.Connectors.Get(Platform.Shopware), since)).ShouldBe(0);

        (returned.EventId, returned.CommittedQuantity, returned.StatusReason).ShouldBe((sale.EventId, 0, "payment refunded on Shopware"));
        result.Quantity.ShouldBe(2);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(2);
        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
    }
}
