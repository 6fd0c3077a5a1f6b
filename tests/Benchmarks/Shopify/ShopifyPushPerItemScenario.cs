using System.Diagnostics;
using Marketplace.Sandbox.Shopify;

namespace Marketplace.Benchmarks.Shopify;

/// <summary>
/// 1,000 products one productSet at a time at Standard limits (1,000-point bucket, 100 points/s), and how well the
/// pacer uses the restore rate: <c>shopify.pacer utilisation</c> = points spent beyond the initial bucket ÷ (restore
/// rate × elapsed); <c>throttled</c> = THROTTLED answers the sandbox gave.
/// </summary>
internal sealed class ShopifyPushPerItemScenario : IBenchmarkScenario
{
    private const int Count = 1_000;

    public string Name => "shopify.push.peritem";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await ShopifySandboxServer.StartAsync();
        using var client = ShopifyBenchmarkData.NewClient(server, out var shop);
        var initial = shop.Bucket.Size;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Count; i++)
        {
            await client.SetProductAsync(ShopifyBenchmarkData.Draft(i), cancellationToken: cancellationToken);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (shop.ProductCount != Count)
        {
            throw new InvalidOperationException($"Per-item push left {shop.ProductCount} of {Count} products.");
        }

        var status = client.Pacer.Status;
        var fromRestore = client.Pacer.PointsSpent - (initial - status.CurrentlyAvailable);
        context.Report(Name, "seconds", seconds, "s");
        context.Report(Name, "products_per_s", Count / seconds, "products/s");
        context.Report("shopify.pacer", "utilisation", fromRestore / (status.RestoreRate * seconds), "share");
        context.Report("shopify.pacer", "throttled", shop.ThrottledCount, "responses");
    }
}
