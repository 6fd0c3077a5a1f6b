using System.Text.Json.Nodes;
using Marketplace.Sandbox.Shopware;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopware;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>Starts a quiet Shopware sandbox per test class and builds clients and connectors against it.</summary>
public abstract class ShopwareSandboxTestBase : IAsyncLifetime
{
    protected const string TaxId = "792203a53e564e28bcb7ffa1867fb485";
    protected const string SalesChannelId = "98432def39fc4624b33213a56b8c944d";

    protected ShopwareSandboxServer Server { get; private set; } = null!;

    protected ShopwareSandboxState Sandbox => Server.State;

    public async Task InitializeAsync() => Server = await ShopwareSandboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected ShopwareClient CreateClient(Action<ShopwareClientOptions>? configure = null, TimeProvider? time = null, Microsoft.Extensions.Logging.ILogger<ShopwareClient>? logger = null,
        HttpMessageHandler? handler = null)
    {
        var options = new ShopwareClientOptions
        {
            BaseUrl = Server.BaseUrl, ClientId = Sandbox.Options.ClientId, ClientSecret = Sandbox.Options.ClientSecret, Mode = ShopwareRolloutMode.Full,
            TaxId = TaxId, SalesChannelId = SalesChannelId, AttemptTimeout = TimeSpan.FromSeconds(10), RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        return new ShopwareClient(new HttpClient(handler ?? new HttpClientHandler()) { Timeout = Timeout.InfiniteTimeSpan }, options, time, logger);
    }

    protected static ListingDraft Draft(string sku, decimal price = 1190m, int quantity = 1, string? title = null) => new()
    {
        Sku = sku,
        Title = title ?? $"Fender Precision Bass {sku}",
        DescriptionHtml = "<p>Olympic white, 1964.</p>",
        Brand = "Fender",
        Price = price,
        Quantity = quantity,
        CategoryId = "0446a1eb394c4e729178699a7bc2833f",
        ImageUrls = ["https://img.example/pbass-1.jpg", "https://img.example/pbass-2.png"],
    };

    /// <summary>Products numbered <c>{prefix}-{i:D3}</c>, written through one sync request.</summary>
    protected static async Task<IReadOnlyList<string>> SeedAsync(ShopwareClient client, string prefix, int count, int stock = 5)
    {
        var skus = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D3}").ToList();
        var rows = skus.Select(s => ShopwareProductMapper.ToProduct(Draft(s, quantity: stock) with { ImageUrls = [] }, ShopwareProductMapper.ProductId(s), client.Options)).ToList();
        await client.SyncAsync([ShopwareSyncOperation.Upsert("seed", "product", rows)]);
        return skus;
    }

    protected int StockOf(string sku) => Sandbox.ProductByNumber(sku)?["stock"]?.GetValue<int>() ?? throw new InvalidOperationException($"No product {sku}.");

    protected static JsonObject Fixture(string name) => (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(TestSupport.RepositoryPaths.Root, "tests", "Marketplace.Sandbox.Tests", "Shopware", "Fixtures", name)),
        documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
}
