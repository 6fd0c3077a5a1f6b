using System.Diagnostics;
using Marketplace.Sandbox.Shopware;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopware;

namespace Marketplace.Benchmarks.Marketplaces;

/// <summary>
/// 10,000 stock updates through <c>_action/sync</c> (<see cref="ShopwareConnector.SetQuantitiesAsync"/>: 500 rows per
/// request, one request at a time, product ids already known to the connector) against the Shopware sandbox with its
/// default latency (100-300 ms per call), no faults, no write-rate limit.
/// </summary>
internal sealed class ShopwareStockSyncBenchmark : IBenchmarkScenario
{
    private const int Skus = 10_000;

    public string Name => "shopware.stock.sync";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await ShopwareSandboxServer.StartAsync(quiet: true, cancellationToken);
        var client = new ShopwareClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ShopwareClientOptions
        {
            BaseUrl = server.BaseUrl, ClientId = server.State.Options.ClientId, ClientSecret = server.State.Options.ClientSecret,
            Mode = ShopwareRolloutMode.Full, TaxId = "792203a53e564e28bcb7ffa1867fb485",
        });
        var connector = new ShopwareConnector(client);
        var drafts = Enumerable.Range(0, Skus).Select(i => new ListingDraft { Sku = $"BENCH-{i:00000}", Title = $"Boss DS-1 #{i}", Price = 49m, Quantity = 1 }).ToList();
        await connector.UpsertListingsAsync(drafts, cancellationToken);
        var updates = drafts.Select((d, i) => new ShopwareStockUpdate(d.Sku, 2 + (i % 7))).ToList();
        server.State.Options.Faults.MinLatency = TimeSpan.FromMilliseconds(100);
        server.State.Options.Faults.MaxLatency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var result = await connector.SetQuantitiesAsync(updates, cancellationToken);
        watch.Stop();

        if (result.Written.Count != Skus)
        {
            throw new InvalidOperationException($"{result.Failed.Count} stock updates failed: {string.Join("; ", result.Failed.Take(5))}");
        }

        context.Report(Name, "skus_per_s", Skus / watch.Elapsed.TotalSeconds, "skus/s");
    }
}
