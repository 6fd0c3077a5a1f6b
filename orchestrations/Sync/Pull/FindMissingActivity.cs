using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// After an ALL pull: the platform's live listings in the catalog that the pull did not see (last seen before
/// <see cref="PullMissingRequest.Since"/>), each confirmed with one read; those the platform no longer has are
/// recorded REMOVED (MISSING). One scan of the platform's listings in the catalog; safe to repeat.
/// </summary>
public sealed class FindMissingActivity(SyncReaders readers, PullStager stager, ListingStore listings) : TaskActivity<PullMissingRequest, IReadOnlyList<PullChange>>
{
    public override async Task<IReadOnlyList<PullChange>> RunAsync(TaskActivityContext context, PullMissingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var reader = readers.Get(input.Platform);
        var actor = new CatalogActor("sync", context.InstanceId);
        var changes = new List<PullChange>();
        await foreach (var listing in listings.QueryAsync(input.Platform))
        {
            if (listing.ExternalId is null || listing.Status is not (ListingStatus.Active or ListingStatus.Draft or ListingStatus.Pending)
                || listing.LastSeenAt >= input.Since || await reader.GetListingAsync(listing.Sku) is not null)
            {
                continue;
            }

            changes.AddRange(await stager.ProcessAsync(new PullItem(input.Platform, listing.Sku, null, input.DryRun, $"pulled from {input.Platform.ToWire()}", actor)));
        }

        return changes;
    }
}
