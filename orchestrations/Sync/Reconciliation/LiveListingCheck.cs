using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>
/// Reconciliation's check of every live listing on a platform: one the platform no longer shows live is recorded as it
/// says; one sold out in the catalog is ended there. A connector that works in batches
/// (<see cref="IMarketplaceBatchConnector"/>) is asked about <see cref="BatchSize"/> listings per call and ends them
/// in one call; others one by one.
/// </summary>
public static class LiveListingCheck
{
    public const int BatchSize = 100;
    private const string EndReason = "sold out in the catalog (reconciliation)";

    public static async Task<IReadOnlyList<ListingDrift>> RunAsync(IMarketplaceConnector connector, ListingStore listings, ProductCatalog catalog, Platform platform,
        CatalogActor actor)
    {
        var batch = connector as IMarketplaceBatchConnector;
        var drift = new List<ListingDrift>();
        var live = new List<Listing>();
        await foreach (var listing in listings.QueryAsync(platform, ListingStatus.Active))
        {
            live.Add(listing);
        }

        foreach (var chunk in live.Chunk(batch is null ? 1 : BatchSize))
        {
            var skus = chunk.Select(l => l.Sku).ToList();
            var remotes = batch is not null
                ? await batch.FindListingsAsync(skus)
                : (await connector.FindListingAsync(skus[0])) is { } one ? new Dictionary<string, ListingReference> { [skus[0]] = one } : [];
            var toEnd = new List<string>();
            foreach (var sku in skus)
            {
                var remote = remotes.GetValueOrDefault(sku);
                if (remote is null || remote.Status is "ENDED" or "SOLD" or "REMOVED" or "ARCHIVED")
                {
                    // The platform owns its listing's existence: record what it says (a sale there arrives through the order pull).
                    var status = remote?.Status ?? "REMOVED";
                    await listings.RecordAttemptAsync(new ListingAttemptReport
                    {
                        Sku = sku, Platform = platform, Operation = "read", Succeeded = true, RemoteStatus = status,
                    }, actor);
                    drift.Add(new ListingDrift(sku, platform, remote is null ? "MISSING" : "STATUS", $"ACTIVE here, {status} there", "recorded"));
                }
                else if (await catalog.GetAsync(sku) is { Stocked: false, Quantity: 0 })
                {
                    toEnd.Add(sku);
                }
            }

            drift.AddRange(await EndAsync(connector, batch, listings, platform, toEnd, actor));
        }

        return drift;
    }

    private static async Task<IReadOnlyList<ListingDrift>> EndAsync(IMarketplaceConnector connector, IMarketplaceBatchConnector? batch, ListingStore listings,
        Platform platform, IReadOnlyList<string> skus, CatalogActor actor)
    {
        if (skus.Count == 0)
        {
            return [];
        }

        IReadOnlyList<BatchItemResult> results;
        if (batch is not null)
        {
            results = await batch.EndListingsAsync(skus, EndReason);
        }
        else
        {
            await connector.EndListingAsync(skus[0], EndReason);
            results = [new BatchItemResult(skus[0], null, null)];
        }

        var drift = new List<ListingDrift>();
        foreach (var result in results)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = result.Sku, Platform = platform, Operation = "end", Succeeded = result.Succeeded, RemoteStatus = result.Succeeded ? "ENDED" : null, Error = result.Error,
            }, actor);
            drift.Add(new ListingDrift(result.Sku, platform, "QUANTITY", "sold out here, live there", result.Succeeded ? "ended" : "failed"));
        }

        return drift;
    }
}
