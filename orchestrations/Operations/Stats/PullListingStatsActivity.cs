using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.Shared.Operations.Stats;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>
/// Reads the stats of a chunk of one platform's live listings and stores them (<see cref="ListingStatsStore"/>, replacing
/// the previous pull's); returns how many listings the platform reported. A listing in several shops (<see cref="Listing.Shops"/>)
/// is read in each live shop. Safe to repeat.
/// </summary>
public sealed class PullListingStatsActivity(PlatformStatsReaders readers, ListingStore listings, ListingStatsStore store) : TaskActivity<StatsChunk, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, StatsChunk input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var listed = new List<ListedSku>(input.Skus.Count);
        foreach (var sku in input.Skus)
        {
            var listing = await listings.GetAsync(sku, input.Platform);
            if (listing is { Shops: { Count: > 0 } shops })
            {
                listed.AddRange(shops.Where(s => s.Status == ListingStatus.Active).Select(s => new ListedSku(sku, s.ExternalId, s.Shop)));
            }
            else if (listing is { ExternalId: { } externalId })
            {
                listed.Add(new ListedSku(sku, externalId));
            }
        }

        if (listed.Count == 0)
        {
            return 0;
        }

        var stats = await readers.Get(input.Platform).ReadAsync(listed, input.Now);
        await store.UpsertAsync(stats);
        return stats.Count;
    }
}
