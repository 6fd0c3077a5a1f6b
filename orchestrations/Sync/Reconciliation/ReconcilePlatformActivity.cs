using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Orchestrations.VintageAndRare;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>
/// The per-platform pass of <see cref="ReconciliationOrchestrator"/>: pulls the platform's sales since the cursor into
/// the sale path (already-started sales are no-ops), then the listings it changed since its pull cursor (drift
/// repaired or staged, see <see cref="ReconciliationPull"/>), then checks every live listing on it (Vintage &amp; Rare's against its inventory feed,
/// <see cref="VintageAndRareFeedReconciler"/>). Safe to repeat.
/// </summary>
public sealed class ReconcilePlatformActivity(SyncConnectors connectors, SaleStarter sales, ListingStore listings, ProductCatalog catalog, ReconciliationPull pull,
    ListingPusher pusher, VintageAndRareFeedReconciler? vintageAndRareFeed = null) : TaskActivity<PlatformReconciliationRequest, PlatformReconciliation>
{
    public override async Task<PlatformReconciliation> RunAsync(TaskActivityContext context, PlatformReconciliationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input;
        var connector = connectors.Get(request.Platform);
        var started = 0;
        var sold = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var sale in connector.GetSalesSinceAsync(new DateTimeOffset(request.Since, TimeSpan.Zero)))
        {
            sold.Add(sale.Sku);
            started += await sales.StartAsync(sale) ? 1 : 0;
        }

        var actor = new CatalogActor("reconciliation", context.InstanceId);
        var until = new DateTimeOffset(request.Until ?? request.Since, TimeSpan.Zero);
        var drift = (await pull.ReconcileAsync(request.Platform, connector, sold, new DateTimeOffset(request.Since, TimeSpan.Zero), until, actor, CancellationToken.None)).ToList();
        drift.AddRange(await RestoreCatalogOwnedAsync(context, request.Platform, drift));
        if (request.Platform == Platform.VintageAndRare && vintageAndRareFeed is not null)
        {
            drift.AddRange(await CheckVintageAndRareFeedAsync(connector, request.Platform, sold, actor));
        }
        else
        {
            drift.AddRange(await LiveListingCheck.RunAsync(connector, listings, catalog, request.Platform, actor));
        }

        return new PlatformReconciliation(request.Platform, started, drift, null);
    }

    /// <summary>
    /// Fields the catalog owns (rejected by the ownership rules when pulled) are put back on the platform by pushing the
    /// product again (platform-owned fields keep the platform's values). Not while another field of the same listing
    /// waits for review: that push would overwrite the platform's value before a person decided on it.
    /// </summary>
    private async Task<IReadOnlyList<ListingDrift>> RestoreCatalogOwnedAsync(TaskActivityContext context, Platform platform, IReadOnlyList<ListingDrift> drift)
    {
        var restored = new List<ListingDrift>();
        foreach (var group in drift.GroupBy(d => d.Sku, StringComparer.Ordinal))
        {
            var rejected = group.Where(d => d.Resolution == "rejected").Select(d => d.Kind.ToLowerInvariant()).ToList();
            if (rejected.Count == 0 || group.Any(d => d.Resolution is "review" or "failed"))
            {
                continue;
            }

            string resolution;
            try
            {
                var outcome = await pusher.PushAsync(new ListingPush(group.Key, platform, ListingAction.Upsert, Force: true), context.InstanceId);
                resolution = outcome.Succeeded ? "pushed" : "failed";
            }
            catch (Exception)
            {
                // The push recorded the failed attempt on the listing; the next run finds the drift again.
                resolution = "failed";
            }

            restored.Add(new ListingDrift(group.Key, platform, "CATALOG_OWNED", $"restored on {platform.ToWire()}: {string.Join(", ", rejected)}", resolution));
        }

        return restored;
    }

    // The V&R inventory feed in one download instead of a browser visit per listing (the feed rule for what is missing).
    private async Task<List<ListingDrift>> CheckVintageAndRareFeedAsync(IMarketplaceConnector connector, Platform platform, IReadOnlySet<string> sold, CatalogActor actor)
    {
        var drift = new List<ListingDrift>();
        var feed = await vintageAndRareFeed!.ListedSkusAsync();
        await foreach (var listing in listings.QueryAsync(platform, ListingStatus.Active))
        {
            var onFeed = feed?.Contains(listing.Sku);
            if (onFeed == false)
            {
                // A V&R sale of this pass goes through the sale path; anything else missing is judged by the feed rule.
                if (!sold.Contains(listing.Sku))
                {
                    drift.Add(await vintageAndRareFeed!.MissingAsync(listing.Sku, actor));
                }

                continue;
            }

            // On the V&R feed means on sale: no browser visit per listing.
            var remote = onFeed == true ? null : await connector.FindListingAsync(listing.Sku);
            var product = await catalog.GetAsync(listing.Sku);
            if (onFeed != true && (remote is null || remote.Status is "ENDED" or "SOLD" or "REMOVED" or "ARCHIVED"))
            {
                // The platform owns its listing's existence: record what it says (a sale there arrives through the order pull).
                var status = remote?.Status ?? "REMOVED";
                await listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = listing.Sku, Platform = platform, Operation = "read", Succeeded = true, RemoteStatus = status,
                }, actor);
                drift.Add(new ListingDrift(listing.Sku, platform, remote is null ? "MISSING" : "STATUS", $"ACTIVE here, {status} there", "recorded"));
            }
            else if (product is { Stocked: false, Quantity: 0 })
            {
                await connector.EndListingAsync(listing.Sku, "sold out in the catalog (reconciliation)");
                await listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = listing.Sku, Platform = platform, Operation = "end", Succeeded = true, RemoteStatus = "ENDED",
                }, actor);
                drift.Add(new ListingDrift(listing.Sku, platform, "QUANTITY", "sold out here, live there", "ended"));
            }
        }

        return drift;
    }
}
