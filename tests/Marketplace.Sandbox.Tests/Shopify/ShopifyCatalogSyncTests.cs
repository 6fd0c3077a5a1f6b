using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

/// <summary>Bulk export streamed into catalog change sets, and the listing reader, against the sandbox and a catalog on Azurite.</summary>
[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyCatalogSyncTests(ShopifySandboxFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly CatalogActor Actor = CatalogActor.Create("shopify-test");
    private readonly ServiceProvider _services = Catalog(azurite);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Export_StagesOnlyWhatShopifyChanged_AndARepeatStagesNothing()
    {
        var (client, _) = fixture.NewShop();
        var skus = await ListAsync(client, 12);
        var connector = new ShopifyConnector(client);
        await client.SetProductAsync(await DraftAsync(skus[0]) with { Title = "Retitled on Shopify" });
        await client.SetProductAsync(await DraftAsync(skus[1]) with { Price = 1050m });
        await connector.SetQuantityAsync(skus[2], 1);
        await client.SetProductAsync(ShopifySandboxFixture.Draft(99, "NOT-IN-CATALOG"));
        var sync = Get<ShopifyCatalogSync>();

        var first = await sync.StageExportAsync(client.ExportProductsAsync(), Sales(client), Actor);
        var repeat = await sync.StageExportAsync(client.ExportProductsAsync(), Sales(client), Actor);

        (first.Products, first.Applied, first.Review, first.Unchanged, first.Skipped).ShouldBe((13, 2, 1, 9, 1));
        (repeat.Applied, repeat.Review, repeat.Unchanged, repeat.Skipped).ShouldBe((0, 0, 12, 1));
        var products = Get<ProductCatalog>();
        (await products.GetAsync(skus[1]))!.BasePrice.ShouldBe(1050m);
        (await products.GetAsync(skus[2]))!.Quantity.ShouldBe(1);
        (await products.GetAsync(skus[0]))!.Title.ShouldBe("Guitar " + skus[0]);
        var review = await Get<ChangeSetService>().ListAsync(skus[0], ChangeSetStatus.Pending).ToListAsync();
        review.ShouldHaveSingleItem().BatchId.ShouldBe(first.BatchId);
        review[0].Changes.ShouldHaveSingleItem().After!.GetValue<string>().ShouldBe("Retitled on Shopify");
        (await Get<ListingStore>().GetAsync(skus[3], Platform.Shopify))!.ExternalId.ShouldStartWith("gid://shopify/Product/");
    }

    [Fact]
    public async Task Export_WithAShopifySaleNotYetInTheLedger_CountsTheSaleOnce_AndHandsItToTheSalePath()
    {
        var (client, _) = fixture.NewShop();
        var skus = await ListAsync(client, 2);
        var sale = await BuyAsync(client, skus[0], 1);
        await new ShopifyConnector(client).SetQuantityAsync(skus[1], 1); // a person's correction on Shopify: a real change
        var handed = new List<SaleEvent>();

        var summary = await Get<ShopifyCatalogSync>().StageExportAsync(client.ExportProductsAsync(), Sales(client), Actor,
            unledgered: (s, _) => { handed.Add(s); return Task.CompletedTask; });

        // Shopify shows 2 for the SKU sold once: that is the sale, not a correction; the catalog waits for the SALE entry.
        var products = Get<ProductCatalog>();
        (await products.GetAsync(skus[0]))!.Quantity.ShouldBe(3);
        (await products.GetAsync(skus[1]))!.Quantity.ShouldBe(1);
        (summary.Applied, summary.Unchanged).ShouldBe((1, 1));
        handed.ShouldHaveSingleItem().EventId.ShouldBe(sale);
        (await Get<InventoryLedger>().ListAsync(skus[0])).Select(e => e.Reason).ShouldBe([LedgerReason.Adjustment]);
    }

    [Fact]
    public async Task ListingReader_ReadsAllBySku_OnlyTheUpdatedSinceATime_AndOneBySku()
    {
        var (client, shop) = fixture.NewShop();
        var skus = await ListAsync(client, 3);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the updated_at filter has one-second resolution
        var mark = DateTimeOffset.UtcNow;
        await client.SetProductAsync(await DraftAsync(skus[1]) with { Title = "Changed" });
        var reader = new ShopifyListingReader(client);

        var all = await reader.GetListingsAsync(null).ToListAsync();
        var since = await reader.GetListingsAsync(mark).ToListAsync();
        var one = await reader.GetListingAsync(skus[2]);

        all.Select(l => l.Sku).Order().ShouldBe(skus);
        since.ShouldHaveSingleItem().Sku.ShouldBe(skus[1]);
        since[0].Title.ShouldBe("Changed");
        (one!.Platform, one.Status, one.Price, one.Quantity, one.Title).ShouldBe(("shopify", "ACTIVE", 1000m, 3, "Guitar " + skus[2]));
        one.Url!.ToString().ShouldStartWith($"https://{shop.Domain}/products/");
        (await reader.GetListingAsync("NOT-A-SKU")).ShouldBeNull();
    }

    private static RecentSales Sales(ShopifyClient client) => new(client.GetSalesSinceAsync, TimeSpan.FromDays(2));

    // A checkout on the sandbox (its stock goes down, as Shopify's does); returns the sale's ledger event id.
    private async Task<string> BuyAsync(ShopifyClient client, string sku, int quantity)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseAddress, "shopify-sandbox/orders"));
        request.Headers.Add("X-Shopify-Access-Token", client.Options.AccessToken);
        request.Content = System.Net.Http.Json.JsonContent.Create(new { lines = new[] { new { sku, quantity } } });
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var order = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return $"shopify:{order["id"]}:{order["line_items"]![0]!["id"]}";
    }

    private T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    private static ServiceProvider Catalog(AzuriteFixture azurite)
    {
        var services = new ServiceCollection();
        services.AddSingleton(azurite.Account);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddCatalog(options => options.TableName = AzuriteFixture.UniqueName("catalog"));
        services.AddSingleton(sp => new ShopifyCatalogSync(sp.GetRequiredService<ProductCatalog>(), sp.GetRequiredService<ChangeSetService>(), sp.GetRequiredService<ListingStore>(),
            new RemoteQuantityGate(new RemoteQuantityResolver(sp.GetRequiredService<InventoryLedger>()), [])));
        return services.BuildServiceProvider();
    }

    // Catalog products and their Shopify listings, mapped as the sync maps them (so an export finds nothing to change).
    private async Task<List<string>> ListAsync(ShopifyClient client, int count)
    {
        var connector = new ShopifyConnector(client);
        var skus = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sku = $"SYNC-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
            await Get<ProductCatalog>().CreateAsync(new Product
            {
                Sku = sku, Title = "Guitar " + sku, DescriptionHtml = "<p>Sunburst</p>", Brand = "Gibson", Model = "Les Paul", Year = 1959,
                BasePrice = 1000m, Quantity = 3, Stocked = true, Status = ProductStatus.Active, Handedness = i % 2 == 0 ? Handedness.Left : Handedness.Right,
                Identifiers = new RecordIdentifiers { CatalogueNumber = "CAT-" + i },
            }, Actor);
            await connector.UpsertListingAsync(await DraftAsync(sku));
            skus.Add(sku);
        }

        skus.Sort(StringComparer.Ordinal);
        return skus;
    }

    private async Task<Marketplace.Shared.Marketplaces.ListingDraft> DraftAsync(string sku) =>
        ListingDraftMapper.ToDraft((await Get<ProductCatalog>().GetAsync(sku))!, Platform.Shopify, CategoryMap.Empty, image => image.Blob);
}
