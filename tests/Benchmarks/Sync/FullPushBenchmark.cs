using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Sync;

/// <summary>
/// A full push (scope ALL, batch 100) of 10,000 new products (SYNC_BENCH_PRODUCTS) to Shopify, eBay and Reverb
/// sandboxes: eBay and Reverb listings through the per-item path (one activity per listing), Shopify through one bulk
/// JSONL import per page (the default threshold of 50 Shopify changes per page); from start to the orchestration
/// completed, with the peak working set of the process (worker, sandboxes and the benchmark in one process).
/// Page progress goes to stderr, and the seconds per page of the first and last tenth of the pages are reported, so
/// that a page time that grows with the page number shows.
/// With SYNC_BENCH_COMPARE_UNCHUNKED=1 the same push runs a second time with one activity per listing (metrics with the
/// suffix <c>_unchunked</c>), so the gain of chunked pushes is a ratio measured in one run.
/// Runs on its own in-memory Azurite: an Azurite with a data folder rewrites its whole table database file every 5 s
/// (9.6 MB of JSON when 700 products had been pushed in a measured run, growing with everything stored so far), a cost
/// of the emulator, blocking its single thread, that has no counterpart in Azure Table Storage.
/// </summary>
internal sealed class FullPushBenchmark : IBenchmarkScenario
{
    public string Name => "sync.full.push";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var products = int.Parse(Environment.GetEnvironmentVariable("SYNC_BENCH_PRODUCTS") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        await RunOnceAsync(context, products, new SyncOptions(), "", cancellationToken);
        if (Environment.GetEnvironmentVariable("SYNC_BENCH_COMPARE_UNCHUNKED") == "1")
        {
            // The same push with one activity per listing (Sync:PushChunkSize 1), measured in the same run: the ratio is the chunking's gain.
            await RunOnceAsync(context, products, new SyncOptions { PushChunkSize = 1 }, "_unchunked", cancellationToken);
        }
    }

    private async Task RunOnceAsync(BenchmarkContext context, int products, SyncOptions options, string suffix, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(inMemory: true, cancellationToken);
        await using var env = await SyncBenchEnvironment.StartAsync(azurite.Account, options);
        var prefix = "FP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await SyncSeeding.CreateProductsAsync(env.Services, prefix, products, cancellationToken);

        using var sampler = BenchmarkContext.SampleWorkingSet();
        var watch = Stopwatch.StartNew();
        var id = await env.Services.GetRequiredService<FullSyncStarter>().StartAsync(new FullSyncRequest { BatchSize = 100 }, cancellationToken);
        var lastPage = -1;
        var lastAt = TimeSpan.Zero;
        var pageTimes = new List<double>();
        OrchestrationMetadata? done;
        while ((done = await env.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)) is null || !done.IsCompleted)
        {
            if (done?.ReadCustomStatusAs<FullSyncState>() is { } status && status.Pages != lastPage)
            {
                await Console.Error.WriteLineAsync($"  {watch.Elapsed.TotalSeconds:F1} s: page {status.Pages}, {status.Done} products (+{(watch.Elapsed - lastAt).TotalSeconds:F1} s)");
                if (lastPage >= 1)
                {
                    pageTimes.Add((watch.Elapsed - lastAt).TotalSeconds / (status.Pages - lastPage));
                }

                (lastPage, lastAt) = (status.Pages, watch.Elapsed);
            }

            await Task.Delay(250, cancellationToken);
        }

        watch.Stop();
        var state = done.ReadOutputAs<FullSyncState>();
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || state is null || state.Done != products || state.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The full push did not complete cleanly: {done.RuntimeStatus}, {state?.Done} of {products}, errors: {string.Join("; ", state?.Errors ?? [])}");
        }

        context.Report(Name, "seconds" + suffix, watch.Elapsed.TotalSeconds, "s");
        context.Report(Name, "peak_working_set_mib" + suffix, sampler.PeakMib, "MiB");
        context.Report(Name, "products" + suffix, products, "products");
        if (pageTimes.Count >= 10)
        {
            // Seconds per page over the first and the last tenth of the pages: equal when the cost of a page does not grow with the pages before it.
            var tenth = pageTimes.Count / 10;
            context.Report(Name, "s_per_page_first_tenth" + suffix, pageTimes.Take(tenth).Average(), "s");
            context.Report(Name, "s_per_page_last_tenth" + suffix, pageTimes.TakeLast(tenth).Average(), "s");
        }
    }
}
