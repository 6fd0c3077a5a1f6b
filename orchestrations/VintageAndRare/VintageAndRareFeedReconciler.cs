using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.VintageAndRare;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// Reconciliation's check of live Vintage &amp; Rare listings against the dealer inventory feed (one download per pass, no
/// browser). A listing missing from the feed is judged by <see cref="VintageAndRareFeedRule"/>: REMOVED only when another
/// platform shows the item SOLD or ENDED, otherwise flagged for review (a failed "read" attempt flagged
/// <see cref="MissingFromFeedFlag"/> on the listing, the status untouched).
/// </summary>
public sealed class VintageAndRareFeedReconciler(VintageAndRareInventoryFeed feed, ListingStore listings)
{
    /// <summary>The <see cref="ListingFlag.Reason"/> of a live listing missing from the feed that no other platform corroborates.</summary>
    public const string MissingFromFeedFlag = "missing-from-feed";

    /// <summary>The SKUs the feed lists now.</summary>
    public async Task<IReadOnlySet<string>> ListedSkusAsync(CancellationToken cancellationToken = default) =>
        (await feed.GetItemsAsync(cancellationToken)).Select(i => i.Sku).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Applies the rule to a live listing missing from the feed and records the result on it.</summary>
    public async Task<ListingDrift> MissingAsync(string sku, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        var others = (await listings.ListAsync(sku, cancellationToken)).Where(l => l.Platform != Platform.VintageAndRare).ToList();
        var ended = others.Where(l => l.Status is ListingStatus.Sold or ListingStatus.Ended)
            .Select(l => $"{l.Platform.ToWire()} {l.Status.ToString().ToUpperInvariant()}").ToList();
        var verdict = VintageAndRareFeedRule.Judge(false, others.Select(l => l.Status.ToString().ToUpperInvariant()));
        if (verdict == VintageAndRareFeedVerdict.Removed)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = Platform.VintageAndRare, Operation = "read", Succeeded = true, RemoteStatus = "REMOVED",
            }, actor, cancellationToken);
            return new ListingDrift(sku, Platform.VintageAndRare, "MISSING", $"not on the feed; {string.Join(", ", ended)}", "removed");
        }

        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = Platform.VintageAndRare, Operation = "read", Succeeded = false, Flag = MissingFromFeedFlag,
            Error = "Not on the Vintage & Rare inventory feed, and no other platform shows the item sold or ended: review.",
        }, actor, cancellationToken);
        return new ListingDrift(sku, Platform.VintageAndRare, "MISSING", "not on the feed; no other platform corroborates", "review");
    }
}
