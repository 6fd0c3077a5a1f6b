using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Ends the listing or sets its quantity on one platform, recording the attempt (success or failure) on the listing
/// and in the audit trail. Safe to repeat: ending an ended listing or setting the same quantity again changes nothing.
/// A failed platform call is recorded, then rethrown for the retry policy (a permanent refusal as <see cref="PlatformRejectedException"/>).
/// </summary>
public sealed class PushStockActivity(ListingStore listings, SyncConnectors connectors) : TaskActivity<StockPush, StockPushOutcome>
{
    public override async Task<StockPushOutcome> RunAsync(TaskActivityContext context, StockPush input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var push = input;
        var connector = connectors.Get(push.Platform);
        var actor = new CatalogActor("sync", context.InstanceId);
        var operation = push.Action == StockAction.End ? "end" : "quantity";
        try
        {
            if (push.Action == StockAction.End)
            {
                await connector.EndListingAsync(push.Sku, $"sold elsewhere ({push.EventId})");
            }
            else
            {
                await connector.SetQuantityAsync(push.Sku, push.Quantity);
            }
        }
        catch (Exception ex)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = false,
                Error = $"{ex.GetType().Name}: {ex.Message}",
            }, actor);
            if (PlatformRejectedException.From(ex) is { } rejected)
            {
                throw rejected;
            }

            throw;
        }

        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = true,
            RemoteStatus = push.Action == StockAction.End ? "ENDED" : null,
        }, actor);
        return new StockPushOutcome(push.Platform, push.Action, true, null);
    }
}
