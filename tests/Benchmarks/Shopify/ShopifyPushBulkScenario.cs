using System.Diagnostics;
using Marketplace.Sandbox.Shopify;

namespace Marketplace.Benchmarks.Shopify;

/// <summary>10,000 products through bulk productSet (JSONL, staged upload, bulk mutation, result parse) at Standard limits.</summary>
internal sealed class ShopifyPushBulkScenario : IBenchmarkScenario
{
    private const int Count = 10_000;

    public string Name => "shopify.push.bulk";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await ShopifySandboxServer.StartAsync();
        using var client = ShopifyBenchmarkData.NewClient(server, out var shop);
        var started = Stopwatch.GetTimestamp();
        var succeeded = 0;
        await foreach (var result in client.ImportProductsAsync(ShopifyBenchmarkData.DraftsAsync(Count), cancellationToken: cancellationToken))
        {
            succeeded += result.Succeeded ? 1 : 0;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (succeeded != Count || shop.ProductCount != Count)
        {
            throw new InvalidOperationException($"Bulk push wrote {succeeded} of {Count} products ({shop.ProductCount} in the shop).");
        }

        context.Report(Name, "seconds", seconds, "s");
        context.Report(Name, "products_per_s", Count / seconds, "products/s");
    }
}
