using System.Diagnostics;
using Marketplace.Benchmarks.Sync;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Operations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Operations;

/// <summary>
/// Image checks of 1,000 live listings (IMAGES_BENCH_LISTINGS) on each of Shopify, eBay and Reverb sandboxes, each with a
/// two-image gallery in Blob storage and one listing in ten missing its second image: the three platform runs start
/// together (fix mode) and the clock stops when all three have completed. Reports listings checked per second over all
/// platforms. Runs on its own in-memory Azurite, as the sync benchmarks do.
/// </summary>
internal sealed class ImageRemediationBenchmark : IBenchmarkScenario
{
    public string Name => "images.remediate";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var listings = int.Parse(Environment.GetEnvironmentVariable("IMAGES_BENCH_LISTINGS") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        await using var azurite = await AzuriteInstance.StartAsync(inMemory: true, cancellationToken);
        await using var env = await SyncBenchEnvironment.StartAsync(azurite.Account,
            new SyncOptions { ImageBaseUrl = new Uri(azurite.Account.BlobEndpoint.ToString().TrimEnd('/') + "/") });
        var prefix = "IB" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await Parallel.ForEachAsync(Enumerable.Range(0, listings), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var product = await ImageSeeding.ListWithGalleryAsync(env.Services, env.Sandboxes, $"{prefix}-{i:D5}", images: 2, cancellationToken: ct);
            if (i % 10 == 0)
            {
                foreach (var platform in new[] { Platform.Shopify, Platform.Ebay, Platform.Reverb })
                {
                    await ImageSeeding.KeepFirstImagesAsync(env.Services, product, platform, keep: 1, ct);
                }
            }
        });
        await Console.Error.WriteLineAsync($"  seeded {listings} listings per platform");

        var watch = Stopwatch.StartNew();
        var ids = await env.Services.GetRequiredService<ImageRemediationStarter>().StartAsync(null, null, dryRun: false, cancellationToken);
        var checkedListings = 0;
        foreach (var (platform, id) in ids)
        {
            var done = await env.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
            var report = done.ReadOutputAs<ImageRemediationReport>()
                ?? throw new InvalidOperationException($"{platform.ToWire()} check ended {done.RuntimeStatus}: {done.FailureDetails}");
            await Console.Error.WriteLineAsync($"  {platform.ToWire()}: {report.Checked} checked, {report.Fixed} fixed, {report.Failed} failed");
            checkedListings += report.Checked;
        }

        watch.Stop();
        context.Report(Name, "listings_per_s", checkedListings / watch.Elapsed.TotalSeconds, "listings/s");
    }
}
