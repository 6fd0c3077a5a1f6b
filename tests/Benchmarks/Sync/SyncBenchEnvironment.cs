using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Sandbox.Ebay;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Sync;

/// <summary>Catalog on Azurite, the three sandboxes with a connector each, the sync workflows with a running worker.</summary>
internal sealed class SyncBenchEnvironment : IAsyncDisposable
{
    private ServiceProvider _provider = null!;

    public ShopifySandboxServer Shopify { get; private set; } = null!;

    public SandboxShop Shop { get; private set; } = null!;

    public string ShopToken { get; private set; } = null!;

    public EbayReverbSandboxServer EbayReverb { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    public SyncConnectors Connectors => _provider.GetRequiredService<SyncConnectors>();

    public static async Task<SyncBenchEnvironment> StartAsync(StorageAccount account)
    {
        var env = new SyncBenchEnvironment { Shopify = await ShopifySandboxServer.StartAsync(), EbayReverb = await EbayReverbSandboxServer.StartAsync(quiet: true) };
        var domain = $"bench{Guid.NewGuid():N}"[..16] + ".myshopify.com";
        (env.Shop, env.ShopToken) = env.Shopify.Sandbox.ProvisionShop(domain);
        var shopify = new ShopifyClient(new ShopifyClientOptions { ShopDomain = domain, AccessToken = env.ShopToken, BaseAddress = env.Shopify.BaseAddress, BulkPollInterval = TimeSpan.FromMilliseconds(200) }, pacer: new ShopifyCostPacer());
        var server = env.EbayReverb;
        var ebay = new EbayClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new EbayClientOptions
        {
            ClientId = server.Ebay.Options.ClientId, ClientSecret = server.Ebay.Options.ClientSecret, RefreshToken = server.Ebay.Options.RefreshToken,
            ApiBaseUrl = server.BaseUrl, IdentityBaseUrl = server.BaseUrl,
        });
        var reverb = new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ReverbClientOptions
        {
            AccessToken = server.Reverb.Options.AccessToken, ApiBaseUrl = server.BaseUrl, WebhookSecret = "bench-secret-0123456789abcdefghijklmnop",
        });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(account);
        services.AddCatalog(o => o.TableName = "syncbench" + Guid.NewGuid().ToString("N")[..10]);
        services.AddSingleton<IMarketplaceConnector>(new ShopifyConnector(shopify));
        services.AddSingleton(shopify);
        services.AddSingleton<IMarketplaceConnector>(new EbayConnector(ebay));
        services.AddSingleton<IMarketplaceConnector>(new ReverbConnector(reverb));
        services.AddSingleton(reverb);
        services.AddSingleton(new EbayNotificationHandler(ebay, new EbayNotificationVerifier(ebay)));
        services.AddSyncWorkflows(account, configure: o =>
        {
            o.TaskHubName = "syncbench" + Guid.NewGuid().ToString("N")[..10];
            o.MaxPollingDelay = TimeSpan.FromMilliseconds(50);
        });
        env._provider = services.BuildServiceProvider();
        await env._provider.GetRequiredService<DurableTaskWorker>().StartAsync(CancellationToken.None);
        return env;
    }

    /// <summary>A one-off ACTIVE product listed on all three platforms (listings recorded in the catalog).</summary>
    public async Task ListEverywhereAsync(string sku, CancellationToken cancellationToken)
    {
        var actor = CatalogActor.Create("bench");
        var product = await _provider.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Gibson Les Paul {sku}", DescriptionHtml = "<p>Goldtop.</p>", Brand = "Gibson", Model = "Les Paul", Year = 1976,
            BasePrice = 1450m, Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
        }, actor, cancellationToken);
        foreach (var platform in Connectors.Platforms)
        {
            var reference = await Connectors.Get(platform).UpsertListingAsync(new ListingDraft
            {
                Sku = sku, Title = product.Title, Brand = "Gibson", Model = "Les Paul", Year = 1976, Price = 1450m, Quantity = 1, Condition = "Excellent",
                CategoryId = platform == Platform.Shopify ? null : "33034", ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
            }, cancellationToken);
            if (platform == Platform.Reverb)
            {
                EbayReverb.Reverb.SetState(long.Parse(reference.ExternalId, System.Globalization.CultureInfo.InvariantCulture), "live");
            }

            await _provider.GetRequiredService<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, Version = product.Version, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
            }, actor, cancellationToken);
        }
    }

    /// <summary>A checkout on <paramref name="platform"/>; returns the webhook it sends (body, topic or signature header).</summary>
    public async Task<(string Platform, byte[] Body, Func<string, string?> Header)> BuyAsync(Platform platform, string sku, CancellationToken cancellationToken)
    {
        switch (platform)
        {
            case Platform.Shopify:
                using (var http = new HttpClient { BaseAddress = Shopify.BaseAddress })
                using (var request = new HttpRequestMessage(HttpMethod.Post, "shopify-sandbox/orders"))
                {
                    request.Headers.Add("X-Shopify-Access-Token", ShopToken);
                    request.Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } } });
                    using var response = await http.SendAsync(request, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return ("shopify", await response.Content.ReadAsByteArrayAsync(cancellationToken), h => h == "X-Shopify-Topic" ? "orders/create" : null);
                }

            case Platform.Ebay:
                var order = EbayReverb.Ebay.CreateOrder([(sku, 1, 1450m)]);
                var (body, signature) = EbayReverb.Ebay.CreateOrderConfirmation(order["orderId"]!.GetValue<string>());
                return ("ebay", body, h => h == "X-EBAY-SIGNATURE" ? signature : null);
            default:
                var reverbOrder = EbayReverb.Reverb.CreateOrder(sku, 1);
                return ("reverb", System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["order_number"] = reverbOrder["order_number"]!.DeepClone() }.ToJsonString()), _ => null);
        }
    }

    public SaleWebhookReader Reader => _provider.GetRequiredService<SaleWebhookReader>();

    public SaleStarter Starter => _provider.GetRequiredService<SaleStarter>();

    public DurableTaskClient Client => _provider.GetRequiredService<DurableTaskClient>();

    public async ValueTask DisposeAsync()
    {
        await _provider.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
        await Shopify.DisposeAsync();
        await EbayReverb.DisposeAsync();
    }
}
