using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>Order status rules end to end: what takes stock, and cancellations that give it back everywhere.</summary>
[Trait("Category", "Integration")]
public sealed class OrderStatusTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LastUnitSoldOnEbay_CancelledOnEbay_IsBackOnShopifyAndReverb()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "CNCL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku);
        var order = harness.EbayReverb.Ebay.CreateOrder([(sku, 1, 100m)]);
        var sale = (await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        (await harness.WaitAsync(sale)).Quantity.ShouldBe(0);

        harness.EbayReverb.Ebay.CancelOrder(order["orderId"]!.GetValue<string>()).ShouldBeTrue();
        var cancelled = (await harness.PolledSalesAsync(Platform.Ebay, sku, since)).ShouldHaveSingleItem();
        cancelled.CommittedQuantity.ShouldBe(0);
        (await harness.Sales.StartAsync(cancelled)).ShouldBeTrue();
        var result = await WaitReturnAsync(harness, cancelled);
        (await harness.Sales.StartAsync(cancelled)).ShouldBeFalse();

        result.Line.ShouldBe(OrderLineOutcome.Returned);
        result.Quantity.ShouldBe(1);
        var product = (await harness.Catalog.GetAsync(sku))!;
        product.Quantity.ShouldBe(1);
        product.Status.ShouldBe(ProductStatus.Active);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.Relist);
        foreach (var platform in new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb })
        {
            (await harness.Connectors.Get(platform).FindListingAsync(sku))!.Status.ShouldBe("ACTIVE", $"{platform}");
            (await harness.Listings.GetAsync(sku, platform))!.Status.ShouldBe(ListingStatus.Active);
        }

        (await harness.Ledger.ListAsync(sku)).Count(e => e.Reason == LedgerReason.Return).ShouldBe(1);
    }

    [Fact]
    public async Task ShopifyOrderCancelledWithRestock_WebhookGivesTheUnitBackOnce_EvenRedeliveredAndOutOfOrder()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "SHCN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku, quantity: 3, stocked: true);
        var (created, _) = await harness.BuyOnPlatformAsync(Platform.Shopify, sku);
        var cancelledBody = await CancelOnShopifyAsync(harness, JsonNode.Parse(created)!["id"]!.GetValue<long>());

        // The cancellation is processed before the creation: the creation must not take the unit afterwards.
        var cancelled = (await reader.ReadAsync("shopify", Headers(harness, "orders/cancelled"), cancelledBody)).ShouldHaveSingleItem();
        cancelled.StatusReason.ShouldBe("cancelled on Shopify (customer)");
        (await harness.Sales.StartAsync(cancelled)).ShouldBeTrue();
        await harness.WaitAsync(cancelled);
        await WaitReturnAsync(harness, cancelled);
        var sale = (await reader.ReadAsync("shopify", Headers(harness, "orders/create"), created)).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeFalse();
        (await harness.Sales.StartAsync(cancelled)).ShouldBeFalse();

        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(3);
        (await harness.Ledger.ListAsync(sku)).ShouldAllBe(e => e.Reason != LedgerReason.Sale || e.AppliedDelta == 0);
    }

    [Fact]
    public async Task ReverbOrderRefundedLater_IsAppliedAsTheDifferenceOnce()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "RVRF-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await harness.ListEverywhereAsync(sku, quantity: 4, stocked: true);
        var order = harness.EbayReverb.Reverb.CreateOrder(sku, 1);
        await harness.Sales.StartPolledAsync(harness.Connectors.Get(Platform.Reverb), since);
        (await harness.WaitAsync((await harness.PolledSalesAsync(Platform.Reverb, sku, since)).Single())).Quantity.ShouldBe(3);

        harness.EbayReverb.Reverb.SetOrderStatus(order["order_number"]!.GetValue<string>(), "refunded").ShouldBeTrue();
        (await harness.Sales.StartPolledAsync(harness.Connectors.Get(Platform.Reverb), since)).ShouldBe(1);
        var refunded = (await harness.PolledSalesAsync(Platform.Reverb, sku, since)).Single();
        var result = await WaitReturnAsync(harness, refunded);
        (await harness.Sales.StartPolledAsync(harness.Connectors.Get(Platform.Reverb), since)).ShouldBe(0);

        result.Quantity.ShouldBe(4);
        result.Platforms.Select(p => p.Platform).Order().ShouldBe([Platform.Shopify, Platform.Ebay, Platform.Reverb]);
        result.Platforms.ShouldAllBe(p => p.Succeeded && p.Action == StockAction.SetQuantity);
        harness.Shop.AvailableFor(sku).ShouldBe(4);
    }

    [Fact]
    public async Task ShopifyPublishedTestOrder_TakesNoStock_AndIsAuditedWithTheReason()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "TEST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku);
        var sample = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "tests", "Marketplace.Shared.Tests", "Marketplaces", "Fixtures", "shopify_webhook_orders_create.json")))!;
        sample["line_items"]!.AsArray().RemoveAt(1);
        sample["line_items"]![0]!["sku"] = sku;

        var sale = (await reader.ReadAsync("shopify", Headers(harness, "orders/create"), Encoding.UTF8.GetBytes(sample.ToJsonString()))).ShouldHaveSingleItem();
        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);

        // The sale and return workflows of the line both run; whichever is first records it without stock.
        var first = new[] { result, await WaitReturnAsync(harness, sale) }.Where(r => r.Line == OrderLineOutcome.NotCommitted).ShouldHaveSingleItem();
        first.Platforms.ShouldBeEmpty();
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(1);
        (await harness.Connectors.Get(Platform.Ebay).FindListingAsync(sku))!.Status.ShouldBe("ACTIVE");
        var audit = await AuditAsync(harness, sku);
        audit.ShouldContain(r => r.Action == "ledger.sale.not-committed" && r.Detail!.Contains("Shopify test order"));
    }

    [Fact]
    public async Task ShopifyOrderOfAShopThatIsNotConnected_ChangesNoStock_AndIsAudited()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var reader = harness.Services.GetRequiredService<SaleWebhookReader>();
        var sku = "FRGN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku);
        var (body, _) = await harness.BuyOnPlatformAsync(Platform.Shopify, sku);

        var sales = await reader.ReadAsync("shopify", Headers(harness, "orders/create", "someone-else.myshopify.com"), body);

        sales.ShouldBeEmpty();
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(1);
        (await AuditAsync(harness, SaleWebhookReader.ShopAuditKey("someone-else.myshopify.com"))).ShouldContain(r => r.Action == "webhook.foreign-shop");
    }

    [Fact]
    public async Task SaleWhoseWorkflowEndedWithoutApplying_IsRunAgainByTheNextDelivery()
    {
        await using var harness = await SyncHarness.StartAsync(azurite.Account);
        var sku = "RTRY-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ListEverywhereAsync(sku, quantity: 2, stocked: true);
        var sale = new SaleEvent("ebay", "RETRY-1", "1", sku, 1, null, null, DateTimeOffset.UtcNow);
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SaleOrchestrator), sale, new StartOrchestrationOptions(SaleStarter.InstanceIdFor(sale)) { StartAt = DateTimeOffset.UtcNow.AddHours(1) });
        await harness.Client.TerminateInstanceAsync(SaleStarter.InstanceIdFor(sale), "simulated failure");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            (await harness.Client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), timeout.Token)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        }

        (await harness.Sales.StartAsync(sale)).ShouldBeTrue();
        var result = await harness.WaitAsync(sale);
        (await harness.Sales.StartAsync(sale)).ShouldBeFalse();

        result.Quantity.ShouldBe(1);
        (await harness.Catalog.GetAsync(sku))!.Quantity.ShouldBe(1);
    }

    internal static async Task<SaleResult> WaitReturnAsync(SyncHarness harness, SaleEvent sale)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync(SaleStarter.ReturnInstanceIdFor(sale), getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<SaleResult>()!;
    }

    internal static async Task<byte[]> CancelOnShopifyAsync(SyncHarness harness, long orderId)
    {
        using var http = new HttpClient { BaseAddress = harness.Shopify.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"shopify-sandbox/orders/{orderId}/cancel") { Content = JsonContent.Create(new { restock = true }) };
        request.Headers.Add("X-Shopify-Access-Token", harness.ShopToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Func<string, string?> Headers(SyncHarness harness, string topic, string? shop = null) => name => name switch
    {
        "X-Shopify-Topic" => topic,
        "X-Shopify-Shop-Domain" => shop ?? harness.Shop.Domain,
        "X-Shopify-Webhook-Id" => Guid.NewGuid().ToString(),
        _ => null,
    };

    private static async Task<List<AuditRecord>> AuditAsync(SyncHarness harness, string key)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in harness.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Sku: key)))
        {
            records.Add(record);
        }

        return records;
    }
}
