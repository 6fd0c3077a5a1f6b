using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// Reads a listing's status on Vintage &amp; Rare (the dealer listing page, by SKU) and records it on the listing when it
/// changed; on the last check (<see cref="VintageAndRareStatusCheck.GaveUpAfter"/>) a listing still PENDING gets a failed
/// "moderation" attempt flagged <see cref="PendingTimeoutFlag"/> (the listing's <see cref="Listing.Flag"/>, its last error and an
/// audit entry), which the next successful attempt (V&amp;R's late approval read here) clears. Safe to repeat. Returns the
/// canonical status, or null when V&amp;R has no listing with the SKU.
/// </summary>
public sealed class CheckVintageAndRareStatusActivity(SyncConnectors connectors, ListingStore listings) : TaskActivity<VintageAndRareStatusCheck, string?>
{
    /// <summary>The <see cref="ListingFlag.Reason"/> of a listing still PENDING at the follow-up's deadline.</summary>
    public const string PendingTimeoutFlag = "pending-timeout";

    public override async Task<string?> RunAsync(TaskActivityContext context, VintageAndRareStatusCheck input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var remote = await connectors.Get(Platform.VintageAndRare).FindListingAsync(input.Sku);
        var listing = await listings.GetAsync(input.Sku, Platform.VintageAndRare);
        var actor = new CatalogActor("sync", context.InstanceId);
        if (remote is not null && ListingStatuses.TryNormalize(remote.Status, out var status) && listing?.Status != status)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = input.Sku, Platform = Platform.VintageAndRare, Operation = "read", Succeeded = true,
                ExternalId = remote.ExternalId, Url = remote.Url?.ToString(), RemoteStatus = remote.Status,
            }, actor);
        }

        if (input.GaveUpAfter is { } waited && remote?.Status == "PENDING")
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = input.Sku, Platform = Platform.VintageAndRare, Operation = "moderation", Succeeded = false, Flag = PendingTimeoutFlag,
                Error = $"Still PENDING on Vintage & Rare after {waited}: check the listing {remote.Url} in the dealer account.",
            }, actor);
        }

        return remote?.Status;
    }
}
