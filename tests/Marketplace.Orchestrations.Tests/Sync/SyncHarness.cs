using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Sandbox.Ebay;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// A catalog on Azurite, the Shopify, eBay and Reverb sandboxes with a connector each, and the sync workflows on
/// the standalone Durable Task runtime (DTFx, Azure Storage task hub) with a running worker (the shared setup is in
/// <c>tests/TestSupport/Sync</c>).
/// connectorRetries 0 makes every injected sandbox fault reach the workflow (no retry inside the connector).
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public const string ReverbSecret = SyncConnectorSettings.ReverbWebhookSecret;

    private ReplaceableWorker _worker = null!;

    public SyncSandboxes Sandboxes { get; private set; } = null!;

    public ShopifySandboxServer Shopify => Sandboxes.Shopify;

    public SandboxShop Shop => Sandboxes.Shop;

    public string ShopToken => Sandboxes.ShopToken;

    public EbayReverbSandboxServer EbayReverb => Sandboxes.EbayReverb;

    public IServiceProvider Services => _worker.Services;

    public SyncConnectors Connectors => Services.GetRequiredService<SyncConnectors>();

    public ProductCatalog Catalog => Services.GetRequiredService<ProductCatalog>();

    public InventoryLedger Ledger => Services.GetRequiredService<InventoryLedger>();

    public ListingStore Listings => Services.GetRequiredService<ListingStore>();

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public SaleStarter Sales => Services.GetRequiredService<SaleStarter>();

    public static async Task<SyncHarness> StartAsync(StorageAccount account, int connectorRetries = 3, int shopifyBulkThreshold = 1000, bool shopware = false,
        Func<IMarketplaceConnector, IMarketplaceConnector>? wrapConnector = null, bool reverbShopB = false)
    {
        var harness = new SyncHarness { Sandboxes = await SyncSandboxes.StartAsync(shopware) };
        var endpoints = reverbShopB
            ? harness.Sandboxes.Endpoints with { ReverbShops = new Dictionary<string, string> { ["b"] = harness.EbayReverb.ReverbShop("b").Options.AccessToken } }
            : harness.Sandboxes.Endpoints;
        var environment = new SyncEnvironmentOptions
        {
            CatalogTable = "sync" + Guid.NewGuid().ToString("N")[..12],
            TaskHub = "sync" + Guid.NewGuid().ToString("N")[..10],
            Sync = new SyncOptions
            {
                // An eBay create is four calls: with 20% faults on each, an attempt fails 59% of the time, so 10 attempts
                // ran out in about one listing of 200 (seen on a loaded machine, where slow answers add timeouts); 16 do not.
                PlatformRetry = new RetryPolicy(16, TimeSpan.FromMilliseconds(100), 1.5, TimeSpan.FromSeconds(1)),
                StorageRetry = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(1)),
                ShopifyBulkThreshold = shopifyBulkThreshold,
            },
            Connectors = new SyncConnectorSettings { Retries = connectorRetries, AttemptTimeout = TimeSpan.FromSeconds(2), Wrap = wrapConnector },
        };
        harness._worker = await ReplaceableWorker.StartAsync(workerId =>
            new ServiceCollection().AddSyncOnAzurite(account, endpoints, environment with { WorkerId = workerId }).BuildServiceProvider());
        return harness;
    }

    /// <summary>A one-off (or stocked) ACTIVE product listed on all three platforms, listings recorded in the catalog.</summary>
    public Task<Product> ListEverywhereAsync(string sku, int quantity = 1, bool stocked = false) =>
        SyncSeeding.ListEverywhereAsync(Services, Sandboxes, sku, quantity, stocked);

    /// <summary>
    /// A buyer checks out <paramref name="sku"/> on <paramref name="platform"/> (the sandbox takes its stock); returns
    /// the webhook the platform sends for it: body and the signature header, if any.
    /// </summary>
    public async Task<(byte[] Body, string? Signature)> BuyOnPlatformAsync(Platform platform, string sku)
    {
        var webhook = await Sandboxes.BuyAsync(platform, sku, SyncSeeding.ListedPrice);
        return (webhook.Body, webhook.Signature);
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
    public Task StopWorkerAsync() => _worker.StopAsync();

    /// <summary>Starts a new worker (own services and worker id) on the same task hub.</summary>
    public Task StartReplacementWorkerAsync() => _worker.StartReplacementAsync();

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await Sandboxes.DisposeAsync();
    }
}

/// <summary>Fault injection on all three sandboxes.</summary>
internal static class SyncHarnessFaults
{
    /// <summary>Every platform call takes between <paramref name="min"/> and <paramref name="max"/> (Shopify: <paramref name="min"/>).</summary>
    public static void SetLatency(this SyncHarness harness, TimeSpan min, TimeSpan max) => harness.Sandboxes.SetLatency(min, max);

    /// <summary>About <paramref name="rate"/> of platform calls fail with 429, 5xx or a timeout (Shopify also loses responses after applying them).</summary>
    public static void InjectFaults(this SyncHarness harness, double rate) => harness.Sandboxes.InjectFaults(rate);
}
