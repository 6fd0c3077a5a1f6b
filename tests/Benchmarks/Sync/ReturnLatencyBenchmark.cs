using System.Diagnostics;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask.Client;

namespace Marketplace.Benchmarks.Sync;

/// <summary>
/// SYNC_BENCH_RETURNS (default 30) one-off items, each sold on Shopify, eBay or Reverb (rotating; the sale fully applied
/// first), then the order cancelled on that platform: from the cancellation webhook read (Shopify <c>orders/cancelled</c>,
/// eBay notification + getOrder, Reverb order fetch) to the return orchestration completed, which is when the last
/// platform shows the unit again (relisted where it was ended). Sandbox latency 100-300 ms per eBay/Reverb call, 200 ms per
/// Shopify call; one cancellation every 200 ms.
/// </summary>
internal sealed class ReturnLatencyBenchmark : IBenchmarkScenario
{
    private static readonly int Returns = int.Parse(Environment.GetEnvironmentVariable("SYNC_BENCH_RETURNS") ?? "30", System.Globalization.CultureInfo.InvariantCulture);

    public string Name => "sync.return.latency";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        await using var env = await SyncBenchEnvironment.StartAsync(azurite.Account);
        var skus = await env.ListEverywhereAsync("RET", Returns, cancellationToken);
        var platforms = new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb };
        var purchases = new SandboxWebhook[Returns];
        await Parallel.ForEachAsync(Enumerable.Range(0, Returns), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            purchases[i] = await env.Sandboxes.BuyAsync(platforms[i % 3], skus[i], SyncSeeding.ListedPrice, ct);
            var sale = (await env.Reader.ReadAsync(platforms[i % 3].ToWire(), purchases[i].Header, purchases[i].Body, ct)).Single();
            await env.Starter.StartAsync(sale, ct);
            await env.Client.WaitForInstanceCompletionAsync(SaleStarter.InstanceIdFor(sale), ct);
        });

        env.UseMarketplaceLatency();
        var latencies = new double[Returns];
        var runs = new List<Task>();
        for (var i = 0; i < Returns; i++)
        {
            var index = i;
            var cancellation = await env.Sandboxes.CancelAsync(purchases[i], cancellationToken);
            runs.Add(Task.Run(async () => latencies[index] = await MeasureAsync(env, cancellation, cancellationToken), cancellationToken));
            await Task.Delay(200, cancellationToken);
        }

        await Task.WhenAll(runs);
        Array.Sort(latencies);
        context.Report(Name, "p50_s", Percentile(latencies, 0.50), "s");
        context.Report(Name, "p95_s", Percentile(latencies, 0.95), "s");
        context.Report(Name, "p99_s", Percentile(latencies, 0.99), "s");
    }

    private static async Task<double> MeasureAsync(SyncBenchEnvironment env, SandboxWebhook webhook, CancellationToken cancellationToken)
    {
        var accepted = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var cancelled = (await env.Reader.ReadAsync(webhook.Platform.ToWire(), webhook.Header, webhook.Body, cancellationToken)).Single();
        await env.Starter.StartAsync(cancelled, cancellationToken);
        var done = await env.Client.WaitForInstanceCompletionAsync(SaleStarter.ReturnInstanceIdFor(cancelled), getInputsAndOutputs: true, cancellationToken);
        var result = done.ReadOutputAs<SaleResult>();
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || result is null || result.Platforms.Count != 3 || !result.Platforms.All(p => p.Succeeded))
        {
            throw new InvalidOperationException($"Return {cancelled.EventId} did not reach every platform: {done.RuntimeStatus} {done.SerializedOutput}");
        }

        var completed = (done.LastUpdatedAt - accepted).TotalSeconds;
        return completed > 0 && completed < watch.Elapsed.TotalSeconds ? completed : watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
