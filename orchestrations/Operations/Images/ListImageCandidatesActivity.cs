using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>The SKUs of a platform's live (ACTIVE) listings: what an all-SKU image check, the stale-stock policies and the stats pull look at. Read-only.</summary>
public sealed class ListImageCandidatesActivity(ListingStore listings) : TaskActivity<Platform, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, Platform input)
    {
        var skus = new List<string>();
        await foreach (var listing in listings.QueryAsync(input, ListingStatus.Active))
        {
            if (listing.ExternalId is not null)
            {
                skus.Add(listing.Sku);
            }
        }

        return skus;
    }
}
