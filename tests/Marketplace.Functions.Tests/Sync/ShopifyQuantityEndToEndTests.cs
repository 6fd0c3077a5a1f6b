using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// A Shopify sale reaches the app twice: as <c>orders/create</c> (the SALE) and as <c>inventory_levels/update</c> (the lower
/// stock). Whatever the order of the two deliveries, the sale is counted once: no SYNC_CORRECTION, no oversell. The
/// deliveries are the app's real signed webhooks, sent in a chosen order (the sandbox shop has no subscriptions).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShopifyQuantityEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StockWebhookBeforeTheSaleWebhook_CountsTheSaleOnce()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: true, worker: true);
        var sku = await CreateAndListAsync(h);
        var (order, sale) = await BuyAsync(h, sku);

        await StockProcessedAsync(h, sku, await DeliverAsync(h, "inventory_levels/update", await LevelBodyAsync(h, sku, 2)));
        await DeliverAsync(h, "orders/create", order);
        await SaleProcessedAsync(h, sku, sale);

        await AssertCountedOnceAsync(h, sku, 2, [sale]);
    }

    [Fact]
    public async Task SaleWebhookBeforeTheStockWebhook_WithALaterSaleNotYetDelivered_CountsEachSaleOnce()
    {
        await using var h = await ShopifyAppHarness.StartAsync(azurite, connected: true, worker: true);
        var sku = await CreateAndListAsync(h);
        var (firstOrder, first) = await BuyAsync(h, sku);
        var (secondOrder, second) = await BuyAsync(h, sku);

        // The first sale's webhooks arrive in order, but Shopify's stock already shows the second sale too (1, not 2).
        await DeliverAsync(h, "orders/create", firstOrder);
        await SaleProcessedAsync(h, sku, first);
        await StockProcessedAsync(h, sku, await DeliverAsync(h, "inventory_levels/update", await LevelBodyAsync(h, sku, 2)));
        await DeliverAsync(h, "orders/create", secondOrder);
        await SaleProcessedAsync(h, sku, second);

        await AssertCountedOnceAsync(h, sku, 1, [first, second]);
    }

    private static async Task AssertCountedOnceAsync(ShopifyAppHarness h, string sku, int quantity, string[] sales)
    {
        var ledger = h.Get<InventoryLedger>();
        var entries = await ledger.ListAsync(sku);
        entries.Where(e => e.Reason != LedgerReason.Adjustment).Select(e => (e.Reason, e.EventId)).ShouldBe(sales.Select(s => (LedgerReason.Sale, s)), ignoreOrder: true);
        (await ledger.ListOversellsAsync(sku).ToListAsync()).ShouldBeEmpty();
        (await h.Get<ProductCatalog>().GetAsync(sku))!.Quantity.ShouldBe(quantity);
    }

    private static Task StockProcessedAsync(ShopifyAppHarness h, string sku, string webhookId) =>
        WaitAsync(h, () => Task.FromResult(h.Logs.Lines.Any(l => l.Contains($"Shopify webhook {webhookId} (inventory_levels/update) for {sku}", StringComparison.Ordinal))), "the stock webhook processed");

    // The sale's orchestration ran (started by whichever delivery came first) and its order webhook was processed.
    private static async Task SaleProcessedAsync(ShopifyAppHarness h, string sku, string eventId)
    {
        await WaitAsync(h, () => Task.FromResult(h.Logs.Lines.Any(l => l.Contains($"Sale {eventId} of {sku}: orchestration started", StringComparison.Ordinal))), "the sale webhook processed");
        await WaitAsync(h, async () => (await h.Get<InventoryLedger>().ListAsync(sku)).Any(e => e.EventId == eventId), "the sale in the ledger");
    }

    private static async Task<string> CreateAndListAsync(ShopifyAppHarness h)
    {
        var sku = "SHQ-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var actor = CatalogActor.Create("test");
        await h.Get<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = "Fender Telecaster", Brand = "Fender", Model = "Telecaster", Year = 1972, BasePrice = 1500m, Quantity = 3, Stocked = true,
            Status = ProductStatus.Active,
        }, actor);
        var reference = await h.Get<ShopifyConnector>().UpsertListingAsync(new ListingDraft
        {
            Sku = sku, Title = "Fender Telecaster", Brand = "Fender", Model = "Telecaster", Year = 1972, Price = 1500m, Quantity = 3, Condition = "EXCELLENT",
        });
        await h.Get<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = Platform.Shopify, Operation = "create", Succeeded = true, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
        }, actor);
        return sku;
    }

    // A checkout on the sandbox (its stock goes down, as Shopify's does): the orders/create body and the sale's event id.
    private static async Task<(byte[] Body, string EventId)> BuyAsync(ShopifyAppHarness h, string sku)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Sandbox.BaseAddress, "shopify-sandbox/orders"));
        request.Headers.Add("X-Shopify-Access-Token", await h.Secrets.GetSecretAsync(ShopifyClientOptions.AccessTokenSecretName(h.Shop)));
        request.Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } } });
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        var order = JsonNode.Parse(body)!;
        return (body, $"shopify:{order["id"]}:{order["line_items"]![0]!["id"]}");
    }

    // The REST body of inventory_levels/update as Shopify sends it.
    private static async Task<byte[]> LevelBodyAsync(ShopifyAppHarness h, string sku, int available)
    {
        var client = h.Get<ShopifyClient>();
        var item = (await client.FindVariantBySkuAsync(sku))!.Value.Product.InventoryItemId!;
        var location = await client.GetLocationIdAsync();
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["inventory_item_id"] = long.Parse(ShopifyIds.Numeric(item), CultureInfo.InvariantCulture),
            ["location_id"] = long.Parse(ShopifyIds.Numeric(location), CultureInfo.InvariantCulture),
            ["available"] = available,
            ["updated_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }.ToJsonString());
    }

    private static async Task<string> DeliverAsync(ShopifyAppHarness h, string topic, byte[] body)
    {
        var id = Guid.NewGuid().ToString();
        using var request = ShopifyAppHarness.SignedDelivery(topic, h.Shop, id, body);
        using var response = await h.Http.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue($"{topic} delivery answered {(int)response.StatusCode}");
        return id;
    }

    private static async Task WaitAsync(ShopifyAppHarness h, Func<Task<bool>> condition, string what)
    {
        try
        {
            await Eventually.WaitAsync(condition, what, 30);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + string.Join("\n", h.Logs.Lines.Where(l => l.Contains("Shopify", StringComparison.Ordinal) || l.Contains("Sale", StringComparison.Ordinal)).TakeLast(30)));
        }
    }
}
