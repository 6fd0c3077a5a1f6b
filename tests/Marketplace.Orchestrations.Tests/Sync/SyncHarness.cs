using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Sandbox.Ebay;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using System.Net.Http.Json;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A catalog on Azurite, the Shopify, eBay and Reverb sandboxes with a connector each, and the sync workflows on
/// an Azure Storage task hub with a running worker. connectorRetries 0 makes every injected
/// sandbox fault reach the workflow (no retry inside the connector).
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public const string ReverbSecret = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";

    private ServiceProvider _provider = null!;
    private StorageAccount _account = null!;
    private string _hub = null!;
    private DurableTaskWorker? _replacement;
    private AzureStorageOrchestrationService? _replacementService;

    public ShopifySandboxServer Shopify { get; private set; } = null!;

    public SandboxShop Shop { get; private set; } = null!;

    public string ShopToken { get; private set; } = null!;

    public EbayReverbSandboxServer EbayReverb { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    public SyncConnectors Connectors => _provider.GetRequiredService<SyncConnectors>();

    public ProductCatalog Catalog => _provider.GetRequiredService<ProductCatalog>();

    public InventoryLedger Ledger => _provider.GetRequiredService<InventoryLedger>();

    public ListingStore Listings => _provider.GetRequiredService<ListingStore>();

    public DurableTaskClient Client => _provider.GetRequiredService<DurableTaskClient>();

    public SaleStarter Sales => _provider.GetRequiredService<SaleStarter>();

    public static async Task<SyncHarness> StartAsync(StorageAccount account, int connectorRetries = 3, int shopifyBulkThreshold = 1000)
    {
        var harness = new SyncHarness
        {
            Shopify = await ShopifySandboxServer.StartAsync(),
            EbayReverb = await EbayReverbSandboxServer.StartAsync(quiet: true),
        };
        var domain = $"sync{Guid.NewGuid():N}"[..16] + ".myshopify.com";
        (harness.Shop, harness.ShopToken) = harness.Shopify.Sandbox.ProvisionShop(domain);
        var shopify = new ShopifyClient(new ShopifyClientOptions
        {
            ShopDomain = domain, AccessToken = harness.ShopToken, BaseAddress = harness.Shopify.BaseAddress, MaxRetryAttempts = Math.Max(1, connectorRetries),
            BulkPollInterval = TimeSpan.FromMilliseconds(100),
        }, pacer: new ShopifyCostPacer());
        var server = harness.EbayReverb;
        var ebay = new EbayClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new EbayClientOptions
        {
            ClientId = server.Ebay.Options.ClientId, ClientSecret = server.Ebay.Options.ClientSecret, RefreshToken = server.Ebay.Options.RefreshToken,
            ApiBaseUrl = server.BaseUrl, IdentityBaseUrl = server.BaseUrl, AttemptTimeout = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = connectorRetries,
        });
        var reverb = new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ReverbClientOptions
        {
            AccessToken = server.Reverb.Options.AccessToken, ApiBaseUrl = server.BaseUrl, AttemptTimeout = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = connectorRetries, WebhookSecret = ReverbSecret,
        });

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(account);
        services.AddCatalog(o => o.TableName = "sync" + Guid.NewGuid().ToString("N")[..12]);
        services.AddSingleton<IMarketplaceConnector>(new ShopifyConnector(shopify));
        services.AddSingleton(shopify);
        services.AddSingleton<IMarketplaceConnector>(new EbayConnector(ebay));
        services.AddSingleton<IMarketplaceConnector>(new ReverbConnector(reverb));
        services.AddSingleton(reverb);
        services.AddSingleton(new EbayNotificationHandler(ebay, new EbayNotificationVerifier(ebay)));
        harness._account = account;
        harness._hub = "sync" + Guid.NewGuid().ToString("N")[..10];
        var options = new SyncOptions
        {
            PlatformRetry = new RetryPolicy(10, TimeSpan.FromMilliseconds(100), 1.5, TimeSpan.FromSeconds(1)),
            StorageRetry = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(1)),
            ShopifyBulkThreshold = shopifyBulkThreshold,
        };
        services.AddSyncWorkflows(account, options, o =>
        {
            o.TaskHubName = harness._hub;
            o.WorkerId = "test-" + Guid.NewGuid().ToString("N")[..8];
            o.LeaseDuration = TimeSpan.FromSeconds(15);
            o.MaxPollingDelay = TimeSpan.FromMilliseconds(100);
        });
        harness._provider = services.BuildServiceProvider();
        await harness._provider.GetRequiredService<DurableTaskWorker>().StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A one-off (or stocked) ACTIVE product listed on all three platforms, listings recorded in the catalog.</summary>
    public async Task<Product> ListEverywhereAsync(string sku, int quantity = 1, bool stocked = false)
    {
        var actor = CatalogActor.Create("test");
        var product = await Catalog.CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", DescriptionHtml = "<p>Sunburst, 1978.</p>", Brand = "Fender", Model = "Stratocaster",
            Year = 1978, BasePrice = 1299m, Currency = "EUR", Quantity = quantity, Stocked = stocked, Status = ProductStatus.Active,
        }, actor);
        foreach (var platform in Connectors.Platforms)
        {
            var reference = await Connectors.Get(platform).UpsertListingAsync(new ListingDraft
            {
                Sku = sku, Title = product.Title, DescriptionHtml = product.DescriptionHtml, Brand = "Fender", Model = "Stratocaster", Year = 1978,
                Price = 1299m, Quantity = quantity, Condition = "Excellent", CategoryId = platform == Platform.Shopify ? null : "33034",
                ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
            });
            if (platform == Platform.Reverb)
            {
                EbayReverb.Reverb.SetState(long.Parse(reference.ExternalId, System.Globalization.CultureInfo.InvariantCulture), "live");
            }

            await Listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "create", Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = "ACTIVE",
            }, actor);
        }

        return product;
    }

    /// <summary>
    /// A buyer checks out <paramref name="sku"/> on <paramref name="platform"/> (the sandbox takes its stock); returns
    /// the webhook the platform sends for it: body and the signature header, if any.
    /// </summary>
    public async Task<(byte[] Body, string? Signature)> BuyOnPlatformAsync(Platform platform, string sku)
    {
        switch (platform)
        {
            case Platform.Shopify:
                using (var http = new HttpClient { BaseAddress = Shopify.BaseAddress })
                using (var request = new HttpRequestMessage(HttpMethod.Post, "shopify-sandbox/orders"))
                {
                    request.Headers.Add("X-Shopify-Access-Token", ShopToken);
                    request.Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } } });
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    return (await response.Content.ReadAsByteArrayAsync(), null);
                }

            case Platform.Ebay:
                var order = EbayReverb.Ebay.CreateOrder([(sku, 1, 1299m)]);
                var (body, signature) = EbayReverb.Ebay.CreateOrderConfirmation(order["orderId"]!.GetValue<string>());
                return (body, signature);
            default:
                var reverbOrder = EbayReverb.Reverb.CreateOrder(sku, 1);
                return (System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["order_number"] = reverbOrder["order_number"]!.DeepClone() }.ToJsonString()), null);
        }
    }

    /// <summary>The platform's orders for <paramref name="sku"/> since <paramref name="since"/>, as sale events (the polling path).</summary>
    public async Task<IReadOnlyList<SaleEvent>> PolledSalesAsync(Platform platform, string sku, DateTimeOffset since)
    {
        var sales = new List<SaleEvent>();
        await foreach (var sale in Connectors.Get(platform).GetSalesSinceAsync(since))
        {
            if (sale.Sku == sku)
            {
                sales.Add(sale);
            }
        }

        return sales;
    }

    public async Task<SaleResult> WaitAsync(SaleEvent sale)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await Client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<SaleResult>()!;
    }

    /// <summary>Stops the worker; work in flight is abandoned to the messages' redelivery.</summary>
    public Task StopWorkerAsync() => _provider.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);

    /// <summary>Starts a new worker (own storage service and worker id) on the same task hub.</summary>
    public async Task StartReplacementWorkerAsync()
    {
        _replacementService = new AzureStorageOrchestrationService(_account, new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = _hub, WorkerId = "test-" + Guid.NewGuid().ToString("N")[..8], LeaseDuration = TimeSpan.FromSeconds(15), MaxPollingDelay = TimeSpan.FromMilliseconds(100),
        });
        _replacement = new DurableTaskWorker(_replacementService, SyncServiceCollectionExtensions.BuildRegistry(_provider));
        await _replacement.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_replacement is not null)
        {
            await _replacement.StopAsync(CancellationToken.None);
            await _replacement.DisposeAsync();
            await _replacementService!.DisposeAsync();
        }
        else
        {
            await _provider.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        await Shopify.DisposeAsync();
        await EbayReverb.DisposeAsync();
    }
}

/// <summary>Fault injection on all three sandboxes.</summary>
internal static class SyncHarnessFaults
{
    /// <summary>Every platform call takes between <paramref name="min"/> and <paramref name="max"/> (Shopify: <paramref name="min"/>).</summary>
    public static void SetLatency(this SyncHarness harness, TimeSpan min, TimeSpan max)
    {
        foreach (var faults in new[] { harness.EbayReverb.Ebay.Options.Faults, harness.EbayReverb.Reverb.Options.Faults })
        {
            faults.MinLatency = min;
            faults.MaxLatency = max;
        }

        harness.Shop.Faults = new ShopifySandboxFaults { Latency = min };
    }

    /// <summary>About <paramref name="rate"/> of platform calls fail with 429, 5xx or a timeout (Shopify also loses responses after applying them).</summary>
    public static void InjectFaults(this SyncHarness harness, double rate)
    {
        foreach (var faults in new[] { harness.EbayReverb.Ebay.Options.Faults, harness.EbayReverb.Reverb.Options.Faults })
        {
            faults.FaultRate = rate;
            faults.MinLatency = TimeSpan.Zero;
            faults.MaxLatency = TimeSpan.FromMilliseconds(5);
            faults.TimeoutDelay = TimeSpan.FromSeconds(3);
        }

        harness.Shop.Faults = new ShopifySandboxFaults
        {
            TooManyRequestsRate = rate / 3, ServerErrorRate = rate / 3, LostResponseRate = rate / 3,
        };
    }
}
