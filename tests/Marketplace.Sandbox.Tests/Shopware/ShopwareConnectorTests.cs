using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>The Shopware connector and listing reader against the sandbox: publish, edit, end, orders in.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareConnectorTests : ShopwareSandboxTestBase
{
    [Fact]
    public async Task Upsert_PublishesTheProductWithItsDetails_AndAgainUpdatesTheSameOne()
    {
        var connector = new ShopwareConnector(CreateClient());

        var first = await connector.UpsertListingAsync(Draft("PUB-1", price: 1190m, quantity: 2));
        var second = await connector.UpsertListingAsync(Draft("PUB-1", price: 1290m, quantity: 2, title: "Precision Bass, refinished"));

        second.ExternalId.ShouldBe(first.ExternalId);
        Sandbox.All("product").Count(p => p["productNumber"]!.GetValue<string>() == "PUB-1").ShouldBe(1);
        var product = Sandbox.ProductByNumber("PUB-1")!;
        product["name"]!.GetValue<string>().ShouldBe("Precision Bass, refinished");
        product["stock"]!.GetValue<int>().ShouldBe(2);
        var price = product["price"]!.AsArray().ShouldHaveSingleItem()!;
        (price["gross"]!.GetValue<decimal>(), price["net"]!.GetValue<decimal>(), price["currencyId"]!.GetValue<string>())
            .ShouldBe((1290m, 1084.0336m, "b7d2554b0ce847cd82f3ac9bd1c0dfca"));
        product["taxId"]!.GetValue<string>().ShouldBe(TaxId);
        product["manufacturer"]!["name"]!.GetValue<string>().ShouldBe("Fender");
        product["categories"]![0]!["id"]!.GetValue<string>().ShouldBe("0446a1eb394c4e729178699a7bc2833f");
        product["visibilities"]![0]!["salesChannelId"]!.GetValue<string>().ShouldBe(SalesChannelId);
        product["media"]!.AsArray().Count.ShouldBe(2);
        Sandbox.MediaFiles.Values.Order().ShouldBe(["https://img.example/pbass-1.jpg", "https://img.example/pbass-2.png"]);
        (await connector.FindListingAsync("PUB-1"))!.Status.ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task PriceBatch_WritesGrossAndNet_AndReportsUnknownSkus()
    {
        var client = CreateClient(o => o.SyncBatchSize = 2);
        var connector = new ShopwareConnector(client);
        var skus = await SeedAsync(client, "PRC", 3);

        var result = await connector.SetPricesAsync([.. skus.Select((s, i) => new ShopwarePriceUpdate(s, 100m + i)), new ShopwarePriceUpdate("PRC-NONE", 1m)]);

        result.Written.Keys.Order().ShouldBe(skus);
        result.Failed.Keys.ShouldBe(["PRC-NONE"]);
        skus.Select(s => Sandbox.ProductByNumber(s)!["price"]![0]!["gross"]!.GetValue<decimal>()).ShouldBe([100m, 101m, 102m]);
        Sandbox.ProductByNumber(skus[0])!["price"]![0]!["net"]!.GetValue<decimal>().ShouldBe(84.0336m);
        await Should.ThrowAsync<ShopwareRolloutException>(() => new ShopwareConnector(CreateClient(o => o.Mode = ShopwareRolloutMode.StockOnly)).SetPricesAsync([new ShopwarePriceUpdate(skus[0], 1m)]));
    }

    [Theory]
    [InlineData(ShopwareEndMode.ZeroStock, true)]
    [InlineData(ShopwareEndMode.Deactivate, false)]
    public async Task SoldOneOff_EndsAsConfigured(ShopwareEndMode mode, bool activeAfter)
    {
        var connector = new ShopwareConnector(CreateClient(o => o.EndMode = mode));
        await connector.UpsertListingAsync(Draft("END-" + mode));

        await connector.SetQuantityAsync("END-" + mode, 0);
        await connector.EndListingAsync("END-" + mode, "again");
        await connector.EndListingAsync("END-NOTHING", "none there");

        var product = Sandbox.ProductByNumber("END-" + mode)!;
        (product["stock"]!.GetValue<int>(), product["active"]!.GetValue<bool>()).ShouldBe((0, activeAfter));
        (await connector.FindListingAsync("END-" + mode))!.Status.ShouldBe(activeAfter ? "SOLD" : "ENDED");
    }

    [Fact]
    public async Task Orders_NewOnesAreSales_CancelledOnesCommitNoUnits()
    {
        var client = CreateClient();
        var connector = new ShopwareConnector(client);
        await SeedAsync(client, "ORD", 2, stock: 3);
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };
        var kept = await (await http.PostAsJsonAsync("_sandbox/shopware/orders", new { sku = "ORD-000", quantity = 2 })).Content.ReadFromJsonAsync<JsonObject>();
        var cancelled = await (await http.PostAsJsonAsync("_sandbox/shopware/orders", new { sku = "ORD-001", quantity = 1 })).Content.ReadFromJsonAsync<JsonObject>();
        (await http.PostAsync($"_sandbox/shopware/orders/{cancelled!["id"]}/cancel", null)).EnsureSuccessStatusCode();

        var sales = new List<Shared.Marketplaces.SaleEvent>();
        await foreach (var sale in connector.GetSalesSinceAsync(since))
        {
            sales.Add(sale);
        }

        sales.Count.ShouldBe(2);
        var back = sales.Single(s => s.Sku == "ORD-001");
        (back.OrderId, back.Quantity, back.CommittedQuantity, back.StatusReason).ShouldBe((cancelled["orderNumber"]!.GetValue<string>(), 1, 0, "cancelled on Shopware"));
        StockOf("ORD-001").ShouldBe(3);
        var only = sales.Single(s => s.Sku == "ORD-000");
        only.CommittedQuantity.ShouldBe(2);
        (only.Platform, only.OrderId, only.Sku, only.Quantity, only.UnitPrice, only.Currency).ShouldBe(("shopware", kept!["orderNumber"]!.GetValue<string>(), "ORD-000", 2, 1190m, "EUR"));
        only.EventId.ShouldBe($"shopware:{only.OrderId}:{kept["lineItems"]![0]!["id"]}");
    }

    [Fact]
    public async Task Orders_WhosePaymentIsRefundedOrCancelledLater_CommitNoUnits_WhilePaidOnesHold()
    {
        var client = CreateClient();
        var connector = new ShopwareConnector(client);
        await SeedAsync(client, "PAY", 3, stock: 3);
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };
        var ids = new List<string>();
        foreach (var (sku, state) in new[] { ("PAY-000", "paid"), ("PAY-001", "refunded"), ("PAY-002", "cancelled") })
        {
            var order = await (await http.PostAsJsonAsync("_sandbox/shopware/orders", new { sku, quantity = 1 })).Content.ReadFromJsonAsync<JsonObject>();
            (await http.PostAsync($"_sandbox/shopware/orders/{order!["id"]}/transaction/{state}", null)).EnsureSuccessStatusCode();
            ids.Add(order["id"]!.GetValue<string>());
        }

        var sales = new List<Shared.Marketplaces.SaleEvent>();
        await foreach (var sale in connector.GetSalesSinceAsync(since))
        {
            sales.Add(sale);
        }

        sales.OrderBy(s => s.Sku).Select(s => $"{s.Sku} {s.CommittedQuantity} {s.StatusReason}".Trim())
            .ShouldBe(["PAY-000 1", "PAY-001 0 payment refunded on Shopware", "PAY-002 0 payment cancelled on Shopware"]);
        (await client.GetOrderAsync(ids[1]))!.Transactions.ShouldHaveSingleItem().StateMachineState!.TechnicalName.ShouldBe("refunded");
    }

    [Fact]
    public async Task ListingReader_ReadsProductsChangedSince_WithGrossPriceAndStatus()
    {
        var client = CreateClient();
        var connector = new ShopwareConnector(client);
        var reader = new ShopwareListingReader(client);
        await connector.UpsertListingAsync(Draft("RD-1", price: 999m, quantity: 3));
        await connector.UpsertListingAsync(Draft("RD-2"));
        await connector.EndListingAsync("RD-2", "sold");

        var all = new List<Shared.Marketplaces.RemoteListing>();
        await foreach (var listing in reader.GetListingsAsync(DateTimeOffset.UtcNow.AddMinutes(-1)))
        {
            all.Add(listing);
        }

        var none = new List<Shared.Marketplaces.RemoteListing>();
        await foreach (var listing in reader.GetListingsAsync(DateTimeOffset.UtcNow.AddMinutes(1)))
        {
            none.Add(listing);
        }

        all.Select(l => (l.Sku, l.Status, l.Quantity, l.Price)).Order().ShouldBe([("RD-1", "ACTIVE", 3, 999m), ("RD-2", "SOLD", 0, 1190m)]);
        none.ShouldBeEmpty();
        (await reader.GetListingAsync("RD-1"))!.Title.ShouldBe("Fender Precision Bass RD-1");
    }
}
