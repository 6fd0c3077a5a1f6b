using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Benchmarks.Sync;

/// <summary>Catalog on Azurite, the three sandboxes with a connector each, the sync workflows on the standalone Durable Task runtime with a running worker (setup in tests/TestSupport/Sync).</summary>
internal sealed class SyncBenchEnvironment : IAsyncDisposable
{
    private ServiceProvider _provider = null!;

    public SyncSandboxes Sandboxes { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    public SaleWebhookReader Reader => _provider.GetRequiredService<SaleWebhookReader>();

    public SaleStarter Starter => _provider.GetRequiredService<SaleStarter>();

    public DurableTaskClient Client => _provider.GetRequiredService<DurableTaskClient>();

    public static async Task<SyncBenchEnvironment> StartAsync(StorageAccount account, SyncOptions? options = null)
    {
        var env = new SyncBenchEnvironment { Sandboxes = await SyncSandboxes.StartAsync() };
        var services = new ServiceCollection();
        services.AddSyncOnAzurite(account, env.Sandboxes.Endpoints, new SyncEnvironmentOptions
        {
            CatalogTable = "syncbench" + Guid.NewGuid().ToString("N")[..10],
            TaskHub = "syncbench" + Guid.NewGuid().ToString("N")[..10],
            Sync = options ?? new SyncOptions(),
            Connectors = new SyncConnectorSettings { BulkPollInterval = TimeSpan.FromMilliseconds(200) },
        });
        env._provider = services.BuildServiceProvider();
        foreach (var hosted in env._provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return env;
    }

    /// <summary><paramref name="count"/> one-off items listed on all three platforms (SKUs start with <paramref name="prefix"/>).</summary>
    public async Task<List<string>> ListEverywhereAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var skus = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}-{Guid.NewGuid():N}"[..20]).ToList();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (sku, ct) =>
            await SyncSeeding.ListEverywhereAsync(Services, Sandboxes, sku, cancellationToken: ct));
        return skus;
    }

    /// <summary>The scenarios' platform latency: 100-300 ms per eBay/Reverb call, 200 ms per Shopify call.</summary>
    public void UseMarketplaceLatency()
    {
        Sandboxes.SetLatency(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        Sandboxes.Shop.Faults = new Marketplace.Sandbox.Shopify.ShopifySandboxFaults { Latency = TimeSpan.FromMilliseconds(200) };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _provider.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        await Sandboxes.DisposeAsync();
    }
}
