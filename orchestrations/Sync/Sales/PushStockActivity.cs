using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Ends the listing, sets its quantity or relists it on one platform, recording the attempt (success or failure) on the
/// listing and in the audit trail. Monotonic: pushes to one listing run one at a time (<see cref="ListingCreateClaims"/>),
/// and each sends the catalog's quantity and ledger position as they are when the push holds the listing
/// (<see cref="Shared.Marketplaces.IMarketplaceConnector.SetQuantityAtAsync"/>), not the ones planned, so a retried, late or
/// re-run push can never put back an older, higher quantity. The quantity sent is the one the platform's <see cref="QuantityRule"/>
/// shows for the ledger's stock; whether a one-off item is ended follows the ledger. Safe to repeat. A failed platform call is
/// recorded, then rethrown for the retry policy (a permanent refusal as <see cref="PlatformRejectedException"/>).
/// </summary>
public sealed class PushStockActivity(ListingStore listings, InventoryLedger ledger, SyncConnectors connectors, ListingCreateClaims claims, ListingPusher pusher,
    QuantityRuleStore quantityRules)
    : TaskActivity<StockPush, StockPushOutcome>
{
    // A push is one platform call (bounded by the connector's attempt timeouts); a dead worker's claim is taken over after this.
    private static readonly TimeSpan StockClaimExpiry = TimeSpan.FromSeconds(15);

    public override Task<StockPushOutcome> RunAsync(TaskActivityContext context, StockPush input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PushAsync(input, context.InstanceId);
    }

    /// <summary>The push itself, also run inline by <see cref="ApplySaleActivity"/> for the first attempt.</summary>
    public async Task<StockPushOutcome> PushAsync(StockPush input, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Action == StockAction.Relist)
        {
            var relisted = await pusher.PushAsync(new ListingPush(input.Sku, input.Platform, ListingAction.Upsert, Force: true), instanceId);
            return new StockPushOutcome(input.Platform, StockAction.Relist, relisted.Succeeded, relisted.Error);
        }

        await using var claim = await claims.ClaimAsync(input.Sku, input.Platform, "stock", StockClaimExpiry);
        var (quantity, position, stocked) = await ledger.GetPositionAsync(input.Sku);
        var push = input with
        {
            Quantity = quantity,
            Action = !stocked && quantity == 0 ? StockAction.End : input.Action == StockAction.End && quantity > 0 ? StockAction.SetQuantity : input.Action,
        };
        var connector = connectors.Get(push.Platform);
        var actor = new CatalogActor("sync", instanceId);
        var operation = push.Action == StockAction.End ? "end" : "quantity";
        try
        {
            if (push.Action == StockAction.End)
            {
                var listing = await listings.GetAsync(push.Sku, push.Platform);
                await connector.EndListingAsync(push.Sku, listing?.ExternalId, $"sold elsewhere ({push.EventId})");
            }
            else
            {
                var shown = (await quantityRules.GetAsync(push.Platform)).Apply(push.Quantity, stocked);
                await connector.SetQuantityAtAsync(push.Sku, shown, position);
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
