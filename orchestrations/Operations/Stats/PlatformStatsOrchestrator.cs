using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>
/// Pulls the stats of every live listing on the platforms that report them (eBay, Reverb) into the catalog's stats table,
/// in chunks of each reader's batch size. The daily pull (<see cref="InstanceId"/>, <see cref="PlatformStatsRun.Eternal"/>)
/// then waits on a durable timer and continues as new; its custom status (<see cref="PlatformStatsStatus"/>) shows the last report.
/// </summary>
public sealed class PlatformStatsOrchestrator(SyncOptions syncOptions, PlatformStatsOptions options, PlatformStatsReaders readers)
    : TaskOrchestrator<PlatformStatsRun, PlatformStatsReport>
{
    /// <summary>The instance id of the daily pull.</summary>
    public const string InstanceId = "platform-stats";

    public override async Task<PlatformStatsReport> RunAsync(TaskOrchestrationContext context, PlatformStatsRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        context.SetCustomStatus(new PlatformStatsStatus("running", input.Generation, null, input.Last));
        var storage = TaskOptions.FromRetryPolicy(syncOptions.StorageRetry);
        var retry = syncOptions.PlatformTaskOptions();
        var counts = new List<PlatformStatsCount>();
        foreach (var platform in readers.Platforms)
        {
            var skus = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), platform, storage);
            var pulled = 0;
            foreach (var wave in skus.Chunk(Math.Max(1, readers.Get(platform).BatchSize)).Chunk(4))
            {
                var done = await Task.WhenAll(wave.Select(c => context.CallActivityAsync<int>(nameof(PullListingStatsActivity), new StatsChunk(platform, c, now), retry)));
                pulled += done.Sum();
            }

            counts.Add(new PlatformStatsCount(platform, skus.Count, pulled));
        }

        var report = new PlatformStatsReport(now, counts, readers.Unsupported);
        if (!input.Eternal)
        {
            context.SetCustomStatus(new PlatformStatsStatus("done", input.Generation, null, report));
            return report;
        }

        var next = now + options.Interval;
        context.SetCustomStatus(new PlatformStatsStatus("waiting", input.Generation, next, report));
        await context.CreateTimer(next.UtcDateTime, CancellationToken.None);
        context.ContinueAsNew(input with { Generation = input.Generation + 1, Last = report }, preserveUnprocessedEvents: false);
        return report;
    }
}
