using Marketplace.Orchestrations.Sync.FullSync;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>How many listings a platform's pull covers (one streamed read). Reads only.</summary>
public sealed class CountRemoteActivity(SyncReaders readers) : TaskActivity<PullCountRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, PullCountRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Request.Scope == SyncScope.Selective)
        {
            return input.Request.Skus.Count;
        }

        var count = 0;
        await foreach (var remote in readers.Get(input.Platform).GetListingsAsync(input.Cursor?.UpdatedAt))
        {
            count += ListingWindow.InWindow(remote, input.Cursor, input.Until) ? 1 : 0;
        }

        return count;
    }
}
