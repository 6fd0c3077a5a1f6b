using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// Reads one page from a platform (<see cref="ListingWindow"/>) and stages its differences; moves the stored cursor
/// after a page without failures. Safe to repeat (see <see cref="PullStager"/>).
/// </summary>
public sealed class PullPageActivity(SyncReaders readers, PullStager stager, PullCursorStore cursors) : TaskActivity<PullPageRequest, PullPageResult>
{
    public override async Task<PullPageResult> RunAsync(TaskActivityContext context, PullPageRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var page = input;
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
                items.Add((sku, await reader.GetListingAsync(sku)));
            }

            next = start + size < page.Request.Skus.Count ? new PullCursor(null, string.Empty, string.Empty, start + size) : null;
        }
        else
        {
            var (batch, more) = await ListingWindow.ReadBatchAsync(reader, page.Cursor, page.Until, size, CancellationToken.None);
            items = [.. batch.Select(r => (r.Sku, (RemoteListing?)r))];
            next = more ? ListingWindow.KeyOf(batch[^1]) : null;
        }

        var actor = new CatalogActor("sync", context.InstanceId);
        var changes = new List<PullChange>();
        var errors = new List<string>();
        foreach (var (sku, remote) in items)
        {
            try
            {
                changes.AddRange(await stager.ProcessAsync(new PullItem(page.Platform, sku, remote, page.Request.DryRun, $"pulled from {page.Platform.ToWire()}", actor)));
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
            await cursors.AdvanceAsync(page.Platform, ListingWindow.KeyOf(items[^1].Remote!));
        }

        return new PullPageResult(page.Platform, items.Count, changes, next, errors.Count, errors);
    }
}
