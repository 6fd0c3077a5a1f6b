using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// A full sync's Vintage &amp; Rare changes, one after another (the account's browser drives one listing at a time, and
/// parallel pushes would only hold worker slots waiting on its lock). A create is a <see cref="VintageAndRareListingOrchestrator"/>
/// sub-orchestration (<c>{full sync}:vintageandrare:{sku}</c>) that pushes and hands the moderation follow-up to an
/// instance of its own, so a listing a full sync creates is followed from PENDING to ACTIVE (or flagged) like a published
/// one; an update is a <see cref="PushListingActivity"/> with the platform retries. A replayed page finds its calls in
/// the history, so a resumed sync creates nothing twice.
/// </summary>
public static class VintageAndRareFullSyncPushes
{
    /// <summary>Whether a change goes this way (any change on Vintage &amp; Rare).</summary>
    public static bool Applies(SyncChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Platform == Platform.VintageAndRare;
    }

    /// <summary>The outcomes, in the order of <paramref name="changes"/>.</summary>
    public static async Task<IReadOnlyList<ListingPushOutcome>> PushAsync(TaskOrchestrationContext context, IReadOnlyList<SyncChange> changes, TaskOptions retry)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        var outcomes = new List<ListingPushOutcome>(changes.Count);
        foreach (var change in changes)
        {
            outcomes.Add(change.Action == "create"
                ? await CreateAsync(context, change.Sku)
                : await PushProductOrchestrator.PushAsync(context, new ListingPush(change.Sku, Platform.VintageAndRare, ListingAction.Upsert), retry));
        }

        return outcomes;
    }

    /// <summary>The sub-orchestration a full sync runs for a SKU.</summary>
    public static string InstanceIdFor(string fullSyncInstanceId, string sku) => $"{fullSyncInstanceId}:vintageandrare:{sku}";

    private static async Task<ListingPushOutcome> CreateAsync(TaskOrchestrationContext context, string sku)
    {
        try
        {
            var progress = await context.CallSubOrchestratorAsync<VintageAndRareListingProgress>(nameof(VintageAndRareListingOrchestrator),
                new VintageAndRareListingRequest(sku, ListingAction.Upsert, FollowUpApart: true), new SubOrchestrationOptions { InstanceId = InstanceIdFor(context.InstanceId, sku) });
            return progress.Push ?? Failed($"The Vintage & Rare workflow ended in phase {progress.Phase} without a push.");
        }
        catch (TaskFailedException ex)
        {
            return Failed(ex.FailureDetails.ErrorMessage);
        }
    }

    private static ListingPushOutcome Failed(string error) => new(Platform.VintageAndRare, ListingAction.Upsert, false, false, null, null, error);
}
