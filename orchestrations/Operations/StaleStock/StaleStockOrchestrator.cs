using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>
/// The stale-stock policies over every live listing: eBay and Reverb listings older than
/// <see cref="StaleStockOptions.RelistAfterDays"/> are relisted, Shopify products out of stock or without a sale for
/// <see cref="StaleStockOptions.ArchiveAfterDays"/> archived (a dry run only reports). The daily workflow
/// (<see cref="InstanceId"/>, <see cref="StaleStockRun.Eternal"/>) then waits on a durable timer and continues as new, so
/// its history stays one run long; its custom status (<see cref="StaleStockStatus"/>) always shows the last report.
/// </summary>
public sealed class StaleStockOrchestrator(SyncOptions syncOptions, StaleStockOptions options, StaleStockPlatforms platforms) : TaskOrchestrator<StaleStockRun, StaleStockReport>
{
    /// <summary>The instance id of the daily workflow.</summary>
    public const string InstanceId = "stale-stock";

    public override async Task<StaleStockReport> RunAsync(TaskOrchestrationContext context, StaleStockRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        context.SetCustomStatus(new StaleStockStatus("running", input.Generation, null, input.Last));
        // The live listings of each platform a policy covers (the image checks' list of live listings).
        var storage = TaskOptions.FromRetryPolicy(syncOptions.StorageRetry);
        var chunks = new List<StaleStockChunk>();
        foreach (var platform in platforms.All)
        {
            var skus = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), platform, storage);
            chunks.AddRange(skus.Chunk(Math.Max(1, options.ChunkSize)).Select(c => new StaleStockChunk(platform, c, input.DryRun, now)));
        }

        var actions = new List<StaleStockAction>();
        var retry = syncOptions.PlatformTaskOptions();
        foreach (var wave in chunks.Chunk(4))
        {
            var done = await Task.WhenAll(wave.Select(c => context.CallActivityAsync<IReadOnlyList<StaleStockAction>>(nameof(ApplyStalePolicyActivity), c, retry)));
            actions.AddRange(done.SelectMany(a => a));
        }

        int Count(string outcome) => actions.Count(a => a.Outcome == outcome);
        var report = new StaleStockReport(now, input.DryRun, chunks.Sum(c => c.Skus.Count), Count(StaleStockOutcomes.Relisted), Count(StaleStockOutcomes.WouldRelist),
            Count(StaleStockOutcomes.Archived), Count(StaleStockOutcomes.WouldArchive), Count(StaleStockOutcomes.Failed), [.. actions.Take(StaleStockReport.MaxActions)]);
        if (!input.Eternal)
        {
            context.SetCustomStatus(new StaleStockStatus("done", input.Generation, null, report));
            return report;
        }

        var next = now + options.Interval;
        context.SetCustomStatus(new StaleStockStatus("waiting", input.Generation, next, report));
        await context.CreateTimer(next.UtcDateTime, CancellationToken.None);
        context.ContinueAsNew(input with { Generation = input.Generation + 1, Last = report }, preserveUnprocessedEvents: false);
        return report;
    }
}
