using System.Collections.Concurrent;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>What a sale and a reconciliation send to Shopware: stock through <c>_action/sync</c>, lookups one search per page of SKUs.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareSalePathTests : ShopwareSandboxTestBase
{
    private readonly RecordingHandler _requests = new();

    [Fact]
    public async Task SaleEnd_WithTheRecordedProductId_IsOneSyncRequest()
    {
        var skus = await SeedAsync(CreateClient(), "SPE", 1);
        var id = Sandbox.ProductByNumber(skus[0])!["id"]!.GetValue<string>();
        var connector = new ShopwareConnector(CreateClient(handler: _requests));

        await connector.EndListingAsync(skus[0], id, "sold elsewhere");

        _requests.ApiPaths.ShouldBe(["/api/_action/sync"]);
        StockOf(skus[0]).ShouldBe(0);
    }

    [Fact]
    public async Task SaleEnd_WithAStaleId_FindsTheProductByNumber_AndASkuShopwareLacksIsAlreadyEnded()
    {
        var skus = await SeedAsync(CreateClient(), "SPS", 1);
        var connector = new ShopwareConnector(CreateClient(handler: _requests));
        var stale = ShopwareProductMapper.ProductId("SPS-GONE");

        await connector.EndListingAsync(skus[0], stale, "sold elsewhere");
        await connector.EndListingAsync("SPS-GONE", stale, "sold elsewhere");

        StockOf(skus[0]).ShouldBe(0);
        Sandbox.ProductByNumber("SPS-GONE").ShouldBeNull();
        _requests.ApiPaths.ShouldBe(["/api/_action/sync", "/api/search/product", "/api/_action/sync", "/api/_action/sync", "/api/search/product"]);
    }

    [Fact]
    public async Task SaleQuantity_IsASyncWrite_AndTheProductsIdIsLookedUpOnce()
    {
        var skus = await SeedAsync(CreateClient(), "SPQ", 1, stock: 3);
        var connector = new ShopwareConnector(CreateClient(handler: _requests));

        await connector.SetQuantityAsync(skus[0], 2);
        await connector.SetQuantityAsync(skus[0], 1);
        await connector.SetQuantityAsync(skus[0], 0);

        StockOf(skus[0]).ShouldBe(0);
        _requests.ApiPaths.ShouldBe(["/api/search/product", "/api/_action/sync", "/api/_action/sync", "/api/_action/sync"]);
    }

    [Fact]
    public async Task ReconciliationLookup_OfManySkus_IsOneSearchPerPage()
    {
        var skus = await SeedAsync(CreateClient(), "SPR", 230);
        IMarketplaceBatchConnector connector = new ShopwareConnector(CreateClient(o => o.PageSize = 100, handler: _requests));

        var found = await connector.FindListingsAsync([.. skus, "SPR-NONE"]);

        found.Count.ShouldBe(230);
        _requests.ApiPaths.Count(p => p == "/api/search/product").ShouldBe(3);
        _requests.ApiPaths.ShouldAllBe(p => p == "/api/search/product");
    }

    /// <summary>Admin API paths requested (the token endpoint left out), in order.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly ConcurrentQueue<string> _paths = new();

        public IReadOnlyList<string> ApiPaths => [.. _paths];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath != "/api/oauth/token")
            {
                _paths.Enqueue(request.RequestUri.AbsolutePath);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
