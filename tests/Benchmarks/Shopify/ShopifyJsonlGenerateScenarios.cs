using System.Diagnostics;
using Marketplace.Shared.Shopify;

namespace Marketplace.Benchmarks.Shopify;

/// <summary>
/// Streams N drafts into bulk productSet JSONL files (100 MB limit); memory must not grow with N. Both sizes first
/// stream the same untimed warm-up of 60,000 drafts: it JITs the path and lets the GC grow its gen0 budget (about
/// 60 MiB here, reached by any streaming job that allocates more than that, whatever its N), so both peaks are
/// steady-state figures. Without it the 10k run simply ends before the first gen0 collection (about 50 vs 105 MiB).
/// </summary>
internal abstract class ShopifyJsonlGenerateScenario(int count) : IBenchmarkScenario
{
    private const int WarmUp = 60_000;

    public abstract string Name { get; }

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await GenerateAsync(WarmUp, cancellationToken);
        using var sampler = BenchmarkContext.SampleWorkingSet();
        var started = Stopwatch.GetTimestamp();
        var lines = await GenerateAsync(count, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (lines != count)
        {
            throw new InvalidOperationException($"JSONL generation wrote {lines} of {count} lines.");
        }

        context.Report(Name, "products_per_s", count / seconds, "products/s");
        context.Report(Name, "peak_working_set_mib", sampler.PeakMib, "MiB");
    }

    private static async Task<int> GenerateAsync(int count, CancellationToken cancellationToken)
    {
        var lines = 0;
        await foreach (var chunk in ShopifyBulkJsonl.WriteChunksAsync(ShopifyBenchmarkData.DraftsAsync(count), 100L * 1024 * 1024, "gid://shopify/Location/1", cancellationToken: cancellationToken))
        {
            lines += chunk.Skus.Count;
            File.Delete(chunk.Path);
        }

        return lines;
    }
}

internal sealed class ShopifyJsonlGenerate10kScenario() : ShopifyJsonlGenerateScenario(10_000)
{
    public override string Name => "shopify.jsonl.generate.10k";
}

internal sealed class ShopifyJsonlGenerate100kScenario() : ShopifyJsonlGenerateScenario(100_000)
{
    public override string Name => "shopify.jsonl.generate.100k";
}
