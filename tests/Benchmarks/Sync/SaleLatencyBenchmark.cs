using System.Diagnostics;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;

namespace Marketplace.Benchmarks.Sync;

/// <summary>
/// 200 sales (one checkout every 100 ms plus the checkout call itself, about 10/s on a quiet machine: arrivals_per_s prints it; sources rotating over Shopify, eBay and Reverb), each from its webhook read
/// (eBay signature check and order fetch, Reverb order fetch) to the sale orchestration completed, which is when
/// the last other platform was updated. Sandbox latency 100-300 ms per eBay/Reverb call, 200 ms per Shopify call.
/// SYNC_BENCH_SALES and SYNC_BENCH_GAP_MS change count and gap. The inbox queue hop before the read is not included (the queue listener's polling interval adds to it).
/// </summary>
internal sealed class SaleLatencyBenchmark : IBenchmarkScenario
{
    private static readonly int Sales = int.Parse(Environment.GetEnvironmentVariable("SYNC_BENCH_SALES") ?? "200", System.Globalization.CultureInfo.InvariantCulture);

    public string Name => "sync.sale.latency";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        await using var env = await SyncBenchEnvironment.StartAsync(azurite.Account);
        var skus = await env.ListEverywhereAsync("LAT", Sales, cancellationToken);
        env.UseMarketplaceLatency();
        var platforms = new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb };
        var latencies = new double[Sales];
        var runs = new List<Task>();
        var arrivals = Stopwatch.StartNew();
        for (var i = 0; i < Sales; i++)
        {
            var index = i;
            var webhook = await env.Sandboxes.BuyAsync(platforms[i % 3], skus[i], SyncSeeding.ListedPrice, cancellationToken);
            runs.Add(Task.Run(async () => latencies[index] = await MeasureAsync(env, webhook, cancellationToken), cancellationToken));
            await Task.Delay(int.Parse(Environment.GetEnvironmentVariable("SYNC_BENCH_GAP_MS") ?? "100", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        var arrivalSeconds = arrivals.Elapsed.TotalSeconds;
        await Task.WhenAll(runs);
        Array.Sort(latencies);
        context.Report(Name, "p50_s", Percentile(latencies, 0.50), "s");
        context.Report(Name, "p95_s", Percentile(latencies, 0.95), "s");
        context.Report(Name, "p99_s", Percentile(latencies, 0.99), "s");
        context.Report(Name, "arrivals_per_s", Sales / arrivalSeconds, "sales/s");
        // Shopify's leaky bucket at work during the run: THROTTLED answers make the client wait for points.
        context.Report(Name, "shopify_throttled", Interlocked.Read(ref env.Sandboxes.Shop.ThrottledCount), "answers");
        context.Report(Name, "shopify_requests", Interlocked.Read(ref env.Sandboxes.Shop.RequestCount), "answers");
    }

    private static async Task<double> MeasureAsync(SyncBenchEnvironment env, SandboxWebhook webhook, CancellationToken cancellationToken)
    {
        var accepted = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var sale = (await env.Reader.ReadAsync(webhook.Platform.ToWire(), webhook.Header, webhook.Body, cancellationToken)).Single();
        await env.Starter.StartAsync(sale, cancellationToken);
        var done = await env.Client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), getInputsAndOutputs: true, cancellationToken);
        var result = done.ReadOutputAs<SaleResult>();
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || result is null || result.Platforms.Count != 2 || !result.Platforms.All(p => p.Succeeded))
        {
            throw new InvalidOperationException($"Sale {sale.EventId} did not reach both other platforms: {done.RuntimeStatus} {done.SerializedOutput}");
        }

        // The instance's own completion time (the poll in WaitForInstanceCompletionAsync would add its interval).
        var completed = (done.LastUpdatedAt - accepted).TotalSeconds;
        return completed > 0 && completed < watch.Elapsed.TotalSeconds ? completed : watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
