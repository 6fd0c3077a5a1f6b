using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// Pages of a platform's listings in (UpdatedAt, SKU, id) order after a <see cref="PullCursor"/>, updated no later
/// than a limit (the sync's start). The reader is streamed and only one batch is held in memory.
/// </summary>
internal static class ListingWindow
{
    /// <summary>The <paramref name="size"/> first listings after <paramref name="cursor"/> in key order, and whether more follow.</summary>
    public static async Task<(List<RemoteListing> Batch, bool More)> ReadBatchAsync(IMarketplaceListingReader reader, PullCursor? cursor, DateTimeOffset until, int size,
        CancellationToken cancellationToken)
    {
        var largestFirst = Comparer<RemoteListing>.Create((a, b) => KeyOf(a).Compare(b.UpdatedAt, b.Sku, b.ExternalId));
        var heap = new PriorityQueue<RemoteListing, RemoteListing>(largestFirst);
        var more = false;
        await foreach (var remote in reader.GetListingsAsync(cursor?.UpdatedAt, cancellationToken))
        {
            if (!InWindow(remote, cursor, until))
            {
                continue;
            }

            heap.Enqueue(remote, remote);
            if (heap.Count > size)
            {
                heap.Dequeue();
                more = true;
            }
        }

        var batch = new List<RemoteListing>(heap.Count);
        while (heap.TryDequeue(out var remote, out _))
        {
            batch.Add(remote);
        }

        batch.Reverse();
        return (batch, more);
    }

    public static PullCursor KeyOf(RemoteListing remote) => new(remote.UpdatedAt, remote.Sku, remote.ExternalId);

    public static bool InWindow(RemoteListing remote, PullCursor? cursor, DateTimeOffset until) =>
        !string.IsNullOrEmpty(remote.Sku) && (remote.UpdatedAt is null || remote.UpdatedAt <= until)
        && (cursor is null || cursor.IsBefore(remote.UpdatedAt, remote.Sku, remote.ExternalId));
}
