using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Ebay;

namespace Marketplace.Benchmarks.Marketplaces;

/// <summary>
/// 1,000 quantity updates through <c>bulk_update_price_quantity</c> (batches of 25) against the eBay sandbox with its
/// default latency (100-300 ms per call), no faults, with the client's default of 4 batches in flight.
/// </summary>
internal sealed class EbayQuantityBulkBenchmark : IBenchmarkScenario
{
    private const int Skus = 1000;

    public string Name => "ebay.quantity.bulk";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await EbayReverbSandboxServer.StartAsync(quiet: false, cancellationToken);
        var skus = Enumerable.Range(0, Skus).Select(i => $"BENCH-{i:0000}").ToList();
        foreach (var sku in skus)
        {
            server.Ebay.PutItem(sku, new JsonObject { ["product"] = new JsonObject { ["title"] = sku }, ["condition"] = "USED_GOOD" });
        }

        var client = new EbayClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new EbayClientOptions
        {
            ClientId = server.Ebay.Options.ClientId,
            ClientSecret = server.Ebay.Options.ClientSecret,
            RefreshToken = server.Ebay.Options.RefreshToken,
            ApiBaseUrl = server.BaseUrl,
            IdentityBaseUrl = server.BaseUrl,
        });
        await client.FindOfferAsync(skus[0], cancellationToken);

        var watch = Stopwatch.StartNew();
        var results = await client.BulkUpdatePriceQuantityAsync(skus.Select((s, i) => new EbayPriceQuantityUpdate(s, i % 5)), cancellationToken);
        watch.Stop();

        if (results.Any(r => !r.Succeeded))
        {
            throw new InvalidOperationException($"{results.Count(r => !r.Succeeded)} SKUs failed.");
        }

        context.Report(Name, "skus_per_s", Skus / watch.Elapsed.TotalSeconds, "skus/s");
        context.Report(Name, "calls", server.Ebay.BulkCalls, "calls");
    }
}
