using System.Net;
using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>The Shopware client against the sandbox: tokens, sync batches, search paging, throttling, errors.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareClientTests : ShopwareSandboxTestBase
{
    [Fact]
    public async Task TwentyConcurrentCalls_AfterTheTokenWasRevoked_RenewItOnce()
    {
        var client = CreateClient();
        await SeedAsync(client, "TOK", 1);
        Sandbox.TokensGranted.ShouldBe(1);
        Sandbox.ExpireAllTokens();

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SearchProductsAsync(new ShopwareCriteria { Filter = [ShopwareFilter.EqualTo("productNumber", "TOK-000")] })));

        pages.ShouldAllBe(p => p.Data.Count == 1);
        Sandbox.TokensGranted.ShouldBe(2);
    }

    [Fact]
    public async Task TwentyConcurrentCalls_NearTheTokensExpiry_RenewItOnce_BeforeShopwareRefusesIt()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var client = CreateClient(o => o.TokenRefreshSkew = TimeSpan.FromSeconds(30), time);
        await SeedAsync(client, "EXP", 1);
        time.Advance(Sandbox.Options.TokenLifetime - TimeSpan.FromSeconds(10));

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SearchProductsAsync(new ShopwareCriteria { Limit = 1 })));

        pages.ShouldAllBe(p => p.Data.Count == 1);
        Sandbox.TokensGranted.ShouldBe(2);
    }

    [Fact]
    public async Task WrongSecret_IsAPermanent401_WithShopwaresError()
    {
        var client = CreateClient(o => o.ClientSecret = "not-the-secret");

        var ex = await Should.ThrowAsync<ShopwareException>(() => client.SearchProductsAsync(new ShopwareCriteria()));

        ex.Status.ShouldBe(HttpStatusCode.Unauthorized);
        ex.IsTransient.ShouldBeFalse();
        ex.Errors.ShouldHaveSingleItem().Detail.ShouldBe("Client authentication failed");
        ex.Message.ShouldNotContain("not-the-secret");
    }

    [Fact]
    public async Task SyncBatch_WithOneFailingOperation_WritesNothing_AndPointsAtTheFailingRow()
    {
        var client = CreateClient();
        var skus = await SeedAsync(client, "BAT", 2, stock: 5);
        var rows = new[]
        {
            new System.Text.Json.Nodes.JsonObject { ["id"] = ShopwareProductMapper.ProductId(skus[0]), ["stock"] = 1 },
            new System.Text.Json.Nodes.JsonObject { ["id"] = ShopwareProductMapper.ProductId("BAT-GONE"), ["stock"] = 2 },
            new System.Text.Json.Nodes.JsonObject { ["id"] = ShopwareProductMapper.ProductId(skus[1]), ["stock"] = 3 },
        };

        var ex = await Should.ThrowAsync<ShopwareValidationException>(() => client.SyncAsync([ShopwareSyncOperation.Upsert("write-stock", "product", rows)]));

        ex.IsTransient.ShouldBeFalse();
        ex.Errors.ShouldNotBeEmpty();
        ex.Errors.Select(e => e.SyncTarget).Distinct().ShouldBe([("write-stock", 1)]);
        ex.Errors.Select(e => e.Pointer).ShouldContain("/write-stock/1/name");
        skus.Select(StockOf).ShouldAllBe(s => s == 5);
    }

    [Fact]
    public async Task StockBatch_WithAProductDeletedInShopware_WritesTheOthers_AndReportsThatOne()
    {
        var client = CreateClient(o => o.SyncBatchSize = 10);
        var connector = new ShopwareConnector(client);
        var skus = await SeedAsync(client, "STB", 12, stock: 5);
        var updates = skus.Select((s, i) => new ShopwareStockUpdate(s, i)).ToList();
        await connector.SetQuantitiesAsync(updates.Take(1).ToList());
        await client.DeleteProductAsync(ShopwareProductMapper.ProductId(skus[0]));

        var result = await connector.SetQuantitiesAsync([.. updates.Select(u => u with { Quantity = u.Quantity + 10 }), new ShopwareStockUpdate("STB-UNKNOWN", 1)]);

        result.Written.Keys.Order().ShouldBe(skus.Skip(1).Order());
        result.Failed.Keys.Order().ShouldBe(new[] { skus[0], "STB-UNKNOWN" }.Order());
        result.Failed[skus[0]].ShouldContain("/write-stock/0/");
        skus.Skip(1).Select(StockOf).ShouldBe(Enumerable.Range(11, 11));
    }

    [Fact]
    public async Task SearchAll_PagesThroughEveryMatch_Once()
    {
        var client = CreateClient();
        var skus = await SeedAsync(client, "PAGE", 25);
        await SeedAsync(client, "OTHER", 3);

        var found = new List<ShopwareProduct>();
        await foreach (var product in client.SearchAllProductsAsync(new ShopwareCriteria
        {
            Limit = 10, Filter = [ShopwareFilter.Contains("productNumber", "PAGE-")], Sort = ["productNumber"],
            Includes = new Dictionary<string, IReadOnlyList<string>> { ["product"] = ["id", "productNumber"] },
        }))
        {
            found.Add(product);
        }

        found.Select(p => p.ProductNumber).ShouldBe(skus);
        found.ShouldAllBe(p => p.Name == null && p.Stock == null);
        var third = await client.SearchProductsAsync(new ShopwareCriteria
        {
            Page = 3, Limit = 10, TotalCountMode = ShopwareTotalCountMode.Exact, Filter = [ShopwareFilter.Contains("productNumber", "PAGE-")],
        });
        (third.Total, third.Data.Count).ShouldBe((25, 5));
    }

    [Fact]
    public async Task WritesOverTheRateLimit_AreRetriedAfterRetryAfter_AndAllLand()
    {
        var client = CreateClient();
        var connector = new ShopwareConnector(client);
        var skus = await SeedAsync(client, "RATE", 4);
        Sandbox.Options.WritesPerSecond = 2;

        foreach (var (sku, i) in skus.Select((s, i) => (s, i)))
        {
            await connector.SetQuantityAsync(sku, 20 + i);
        }

        Sandbox.Throttled.ShouldBeGreaterThan(0);
        skus.Select(StockOf).ShouldBe([20, 21, 22, 23]);
    }

    [Fact]
    public async Task TheSecretAndTheTokens_AreNeverLogged_ThroughRenewalsAndRetries()
    {
        var logger = new Ebay.RecordingLogger<ShopwareClient>();
        var client = CreateClient(logger: logger);
        var skus = await SeedAsync(client, "LOG", 3);
        Sandbox.ExpireAllTokens();
        Sandbox.Options.WritesPerSecond = 1;
        await new ShopwareConnector(client).SetQuantitiesAsync([.. skus.Select(s => new ShopwareStockUpdate(s, 2))]);
        await new ShopwareConnector(client).SetQuantityAsync(skus[0], 3);

        logger.Lines.ShouldContain(l => l.Contains("renewed", StringComparison.Ordinal));
        logger.Lines.ShouldContain(l => l.Contains("retry", StringComparison.Ordinal));
        foreach (var secret in Sandbox.GrantedTokens.Append(Sandbox.Options.ClientSecret))
        {
            logger.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
