using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Reverb;

namespace Marketplace.Benchmarks.Marketplaces;

/// <summary>
/// 1,000 quantity updates (one <c>PUT /api/listings/{id}</c> each, listing ids already known to the connector)
/// against the Reverb sandbox with its default latency (100-300 ms per call), 16 in flight, no faults.
/// </summary>
internal sealed class ReverbQuantityBenchmark : IBenchmarkScenario
{
    private const int Skus = 1000;
    private const int InFlight = 16;

    public string Name => "reverb.quantity";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await EbayReverbSandboxServer.StartAsync(quiet: false, cancellationToken);
        var skus = Enumerable.Range(0, Skus).Select(i => $"BENCH-{i:0000}").ToList();
        foreach (var sku in skus)
        {
            var created = server.Reverb.Create(new JsonObject { ["sku"] = sku, ["make"] = "Fender", ["model"] = "Jazz Bass", ["has_inventory"] = true, ["inventory"] = 1 });
            server.Reverb.SetState(created["id"]!.GetValue<long>(), "live");
        }

        var client = new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ReverbClientOptions { AccessToken = server.Reverb.Options.AccessToken, ApiBaseUrl = server.BaseUrl });
        var connector = new ReverbConnector(client);
        server.Reverb.Options.Faults.Quiet();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (sku, ct) => await connector.FindListingAsync(sku, ct));
        server.Reverb.Options.Faults.MinLatency = TimeSpan.FromMilliseconds(100);
        server.Reverb.Options.Faults.MaxLatency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (sku, ct) => await connector.SetQuantityAsync(sku, 3, ct));
        watch.Stop();

        context.Report(Name, "skus_per_s", Skus / watch.Elapsed.TotalSeconds, "skus/s");
    }
}
