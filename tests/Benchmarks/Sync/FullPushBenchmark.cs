using System.Diagnostics;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Sync;

/// <summary>
/// A full push (scope ALL, batch 100) of 10,000 new products (SYNC_BENCH_PRODUCTS) to Shopify, eBay and Reverb
/// sandboxes at their default latency (eBay/Reverb 100-300 ms per call), every listing created through the per-item
/// paths; from start to the orchestration completed, with the peak working set of the process.
/// </summary>
internal sealed class FullPushBenchmark : IBenchmarkScenario
{
    public string Name => "sync.full.push";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var products = int.Parse(Environment.GetEnvironmentVariable("SYNC_BENCH_PRODUCTS") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var azurite = await context.AzuriteAsync();
        await using var env = await SyncBenchEnvironment.StartAsync(azurite.Account);
        var catalog = env.Services.GetRequiredService<ProductCatalog>();
        var prefix = "FP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await Parallel.ForEachAsync(Enumerable.Range(0, products), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            await catalog.CreateAsync(new Product
            {
                Sku = $"{prefix}-{i:D6}", Title = $"Fender Jazz Bass {i}", DescriptionHtml = "<p>1966, original finish.</p>", Brand = "Fender", Model = "Jazz Bass",
                Year = 1966, BasePrice = 1300m + (i % 500), Currency = "EUR", Quantity = 1, Status = ProductStatus.Active,
                PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
                ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "fulfilment-1" },
            }, CatalogActor.Create("bench"), ct));

        using var sampler = BenchmarkContext.SampleWorkingSet();
        var watch = Stopwatch.StartNew();
        var id = await env.Services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = 100 }, cancellationToken);
        var done = await env.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        watch.Stop();
        var state = done.ReadOutputAs<FullSyncState>();
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || state is null || state.Done != products || state.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The full push did not complete cleanly: {done.RuntimeStatus}, {state?.Done} of {products}, errors: {string.Join("; ", state?.Errors ?? [])}");
        }

        context.Report(Name, "seconds", watch.Elapsed.TotalSeconds, "s");
        context.Report(Name, "peak_working_set_mib", sampler.PeakMib, "MiB");
        context.Report(Name, "products", products, "products");
    }
}
