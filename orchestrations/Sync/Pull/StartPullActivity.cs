using Marketplace.Orchestrations.Sync.FullSync;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>The platforms a pull reads (the request's subset of those with a reader) and where each starts (INCREMENTAL: the stored cursor). Reads only.</summary>
public sealed class StartPullActivity(SyncReaders readers, PullCursorStore cursors) : TaskActivity<FullSyncRequest, IReadOnlyList<PullPlatformStart>>
{
    public override async Task<IReadOnlyList<PullPlatformStart>> RunAsync(TaskActivityContext context, FullSyncRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var platforms = input.Platforms.Count == 0 ? readers.Platforms : [.. input.Platforms.Distinct().Where(readers.Platforms.Contains)];
        var starts = new List<PullPlatformStart>();
        foreach (var platform in platforms)
        {
            starts.Add(new PullPlatformStart(platform, input.Scope == SyncScope.Incremental ? await cursors.GetAsync(platform) : null));
        }

        return starts;
    }
}
