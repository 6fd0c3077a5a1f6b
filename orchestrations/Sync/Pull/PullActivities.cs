using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// Activities of the pull phase of <see cref="FullSyncWorkflow"/>. A page is the next batch of listings after the
/// page cursor in (UpdatedAt, SKU, id) order, updated no later than the sync's start; the reader is streamed and
/// only one batch is held in memory. Pages are safe to repeat (see <see cref="PullStager"/>).
/// </summary>
public sealed class PullActivities(SyncReaders readers, PullStager stager, PullCursorStore cursors, ListingStore listings)
{
    /// <summary>The platforms the pull reads (the request's subset of those with a reader) and where each starts.</summary>
    public async Task<IReadOnlyList<PullPlatformStart>> StartPullAsync(TaskActivityContext context, FullSyncRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var platforms = request.Platforms.Count == 0 ? readers.Platforms : [.. request.Platforms.Distinct().Where(readers.Platforms.Contains)];
        var starts = new List<PullPlatformStart>();
        foreach (var platform in platforms)
        {
            starts.Add(new PullPlatformStart(platform, request.Scope == SyncScope.Incremental ? await cursors.GetAsync(platform, cancellationToken) : null));
        }

        return starts;
    }

    /// <summary>How many listings the platform's pull covers (one streamed read).</summary>
    public async Task<int> CountRemoteAsync(TaskActivityContext context, PullCountRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Request.Scope == SyncScope.Selective)
        {
            return request.Request.Skus.Count;
        }

        var count = 0;
        await foreach (var remote in readers.Get(request.Platform).GetListingsAsync(request.Cursor?.UpdatedAt, cancellationToken))
        {
            count += InWindow(remote, request.Cursor, request.Until) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Reads one page from the platform and stages its differences; moves the stored cursor after a page without failures.</summary>
    public async Task<PullPageResult> PullPageAsync(TaskActivityContext context, PullPageRequest? page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        var reader = readers.Get(page.Platform);
        var size = Math.Clamp(page.Request.BatchSize, 1, 500);
        List<(string Sku, RemoteListing? Remote)> items;
        PullCursor? next;
        if (page.Request.Scope == SyncScope.Selective)
        {
            var start = page.Cursor?.Offset ?? 0;
            items = [];
            foreach (var sku in page.Request.Skus.Skip(start).Take(size))
            {
                items.Add((sku, await reader.GetListingAsync(sku, cancellationToken)));
            }

            next = start + size < page.Request.Skus.Count ? new PullCursor(null, string.Empty, string.Empty, start + size) : null;
        }
        else
        {
            var (batch, more) = await ReadBatchAsync(reader, page.Cursor, page.Until, size, cancellationToken);
            items = [.. batch.Select(r => (r.Sku, (RemoteListing?)r))];
            next = more ? KeyOf(batch[^1]) : null;
        }

        var actor = new CatalogActor("sync", context.InstanceId);
        var changes = new List<PullChange>();
        var errors = new List<string>();
        foreach (var (sku, remote) in items)
        {
            try
            {
                changes.AddRange(await stager.ProcessAsync(new PullItem(page.Platform, sku, remote, page.Request.DryRun, $"pulled from {page.Platform.ToWire()}", actor), cancellationToken));
            }
            catch (CatalogException ex)
            {
                // The catalog refused this item (invalid value, conflict): report it and go on with the page.
                changes.Add(new PullChange(sku, page.Platform, "FIELD", ex.Field, null, null, "FAILED"));
                errors.Add($"{sku} on {page.Platform.ToWire()}: {ex.Message}");
            }
        }

        if (page.AdvanceCursor && errors.Count == 0 && page.Request.Scope != SyncScope.Selective && items.Count > 0)
        {
            await cursors.AdvanceAsync(page.Platform, KeyOf(items[^1].Remote!), cancellationToken);
        }

        return new PullPageResult(page.Platform, items.Count, changes, next, errors.Count, errors);
    }

    /// <summary>
    /// After an ALL pull: the platform's live listings in the catalog that the pull did not see (last seen before
    /// <see cref="PullMissingRequest.Since"/>), each confirmed with one read; those the platform no longer has are
    /// recorded REMOVED (MISSING). One scan of the platform's listings in the catalog; safe to repeat.
    /// </summary>
    public async Task<IReadOnlyList<PullChange>> FindMissingAsync(TaskActivityContext context, PullMissingRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var reader = readers.Get(request.Platform);
        var actor = new CatalogActor("sync", context.InstanceId);
        var changes = new List<PullChange>();
        await foreach (var listing in listings.QueryAsync(request.Platform, cancellationToken: cancellationToken))
        {
            if (listing.ExternalId is null || listing.Status is not (ListingStatus.Active or ListingStatus.Draft or ListingStatus.Pending)
                || listing.LastSeenAt >= request.Since || await reader.GetListingAsync(listing.Sku, cancellationToken) is not null)
            {
                continue;
            }

            changes.AddRange(await stager.ProcessAsync(new PullItem(request.Platform, listing.Sku, null, request.DryRun, $"pulled from {request.Platform.ToWire()}", actor), cancellationToken));
        }

        return changes;
    }

    /// <summary>The <paramref name="size"/> first listings after <paramref name="cursor"/> in key order, and whether more follow.</summary>
    internal static async Task<(List<RemoteListing> Batch, bool More)> ReadBatchAsync(IMarketplaceListingReader reader, PullCursor? cursor, DateTimeOffset until, int size,
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

    internal static PullCursor KeyOf(RemoteListing remote) => new(remote.UpdatedAt, remote.Sku, remote.ExternalId);

    private static bool InWindow(RemoteListing remote, PullCursor? cursor, DateTimeOffset until) =>
        !string.IsNullOrEmpty(remote.Sku) && (remote.UpdatedAt is null || remote.UpdatedAt <= until)
        && (cursor is null || cursor.IsBefore(remote.UpdatedAt, remote.Sku, remote.ExternalId));
}
