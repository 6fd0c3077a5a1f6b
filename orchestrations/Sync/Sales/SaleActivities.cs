using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// The activities of <see cref="SaleWorkflow"/>. Both are safe to run more than once: the ledger is idempotent by
/// <see cref="SaleEvent.EventId"/>, ending an ended listing or setting the same quantity again changes nothing.
/// </summary>
public sealed class SaleActivities(InventoryLedger ledger, ProductCatalog catalog, ListingStore listings, AuditLog audit, SyncConnectors connectors)
{
    private static readonly HashSet<ListingStatus> Live = [ListingStatus.Active, ListingStatus.Pending, ListingStatus.Draft, ListingStatus.Error];

    /// <summary>Decrements the ledger (once per event id) and plans the update of every other platform the item is listed on.</summary>
    public async Task<SalePlan> ApplySaleAsync(TaskActivityContext context, SaleEvent? sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sale);
        if (!PlatformNames.TryParse(sale.Platform, out var source))
        {
            return Rejected(sale, $"Platform '{sale.Platform}' is not one of {PlatformNames.Expected}.");
        }

        if (string.IsNullOrWhiteSpace(sale.Sku) || sale.Quantity < 1)
        {
            return Rejected(sale, $"Order {sale.OrderId} line {sale.LineId} has no SKU or no quantity.");
        }

        var actor = new CatalogActor("sync:" + source.ToWire(), context.InstanceId);
        LedgerAppendResult result;
        try
        {
            result = await ledger.AppendAsync(new InventoryChange
            {
                Sku = sale.Sku,
                Delta = -sale.Quantity,
                Reason = LedgerReason.Sale,
                EventId = sale.EventId,
                Source = source,
                OrderId = sale.OrderId,
                Actor = actor.Name,
                CorrelationId = actor.CorrelationId,
                Note = $"order {sale.OrderId} line {sale.LineId}",
            }, cancellationToken);
        }
        catch (CatalogNotFoundException)
        {
            return Rejected(sale, $"SKU '{sale.Sku}' sold on {source.ToWire()} (order {sale.OrderId}) is not in the catalog.");
        }

        var product = await catalog.GetAsync(sale.Sku, cancellationToken);
        var stocked = product?.Stocked ?? false;
        var quantity = result.Quantity;
        var action = !stocked && quantity == 0 ? StockAction.End : StockAction.SetQuantity;
        var all = await listings.ListAsync(sale.Sku, cancellationToken);
        var pushes = all
            .Where(l => l.Platform != source && Live.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Select(l => new StockPush(sale.Sku, l.Platform, action, quantity, sale.EventId))
            .ToList();

        if (quantity == 0 && all.Any(l => l.Platform == source && l.Status != ListingStatus.Sold))
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sale.Sku, Platform = source, Operation = "sale", Succeeded = true, RemoteStatus = "SOLD",
            }, actor, cancellationToken);
        }

        var oversell = result.Oversell is { } record ? await NoticeAsync(record, actor, cancellationToken) : null;
        return new SalePlan(sale.Sku, result.Outcome, quantity, stocked, pushes, null, oversell);
    }

    /// <summary>Ends the listing or sets its quantity on one platform, recording the attempt (success or failure) on the listing and in the audit trail.</summary>
    /// <exception cref="Exception">The platform call failed; the failure is recorded first, then rethrown for the retry policy.</exception>
    public async Task<StockPushOutcome> PushStockAsync(TaskActivityContext context, StockPush? push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(push);
        var connector = connectors.Get(push.Platform);
        var actor = new CatalogActor("sync", context.InstanceId);
        var operation = push.Action == StockAction.End ? "end" : "quantity";
        try
        {
            if (push.Action == StockAction.End)
            {
                await connector.EndListingAsync(push.Sku, $"sold elsewhere ({push.EventId})", cancellationToken);
            }
            else
            {
                await connector.SetQuantityAsync(push.Sku, push.Quantity, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = false,
                Error = $"{ex.GetType().Name}: {ex.Message}",
            }, actor, CancellationToken.None);
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
        }, actor, cancellationToken);
        return new StockPushOutcome(push.Platform, push.Action, true, null);
    }

    private async Task<OversellNotice> NoticeAsync(OversellRecord record, CatalogActor actor, CancellationToken cancellationToken)
    {
        var entries = await ledger.ListAsync(record.Sku, cancellationToken);
        var competing = entries
            .Where(e => e.Reason == LedgerReason.Sale && e.AppliedDelta < 0 && e.EventId != record.EventId)
            .Select(e => $"{e.Source?.ToWire()}:{e.OrderId}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var notice = new OversellNotice(record.Sku, record.EventId, record.OrderId, record.Source, record.Shortfall, competing);
        await audit.RecordAsync(record.Sku, actor, "sale.oversell", AuditOutcome.Failure, record.Source,
            $"order {record.Source?.ToWire()}:{record.OrderId} short by {record.Shortfall}; stock went to {string.Join(", ", competing)}", cancellationToken);
        return notice;
    }

    private static SalePlan Rejected(SaleEvent sale, string problem) => new(sale.Sku, null, 0, false, [], problem, null);
}
