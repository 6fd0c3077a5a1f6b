using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Decrements the ledger (once per <see cref="SaleEvent.EventId"/>: the ledger is idempotent by it, so a repeated run
/// changes nothing) and plans the update of every other platform the item is listed on.
/// </summary>
public sealed class ApplySaleActivity(InventoryLedger ledger, ProductCatalog catalog, ListingStore listings, AuditLog audit, SyncConnectors connectors)
    : TaskActivity<SaleEvent, SalePlan>
{
    private static readonly HashSet<ListingStatus> Live = [ListingStatus.Active, ListingStatus.Pending, ListingStatus.Draft, ListingStatus.Error];

    public override async Task<SalePlan> RunAsync(TaskActivityContext context, SaleEvent input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var sale = input;
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
            });
        }
        catch (CatalogNotFoundException)
        {
            return Rejected(sale, $"SKU '{sale.Sku}' sold on {source.ToWire()} (order {sale.OrderId}) is not in the catalog.");
        }

        var product = await catalog.GetAsync(sale.Sku);
        var stocked = product?.Stocked ?? false;
        var quantity = result.Quantity;
        var action = !stocked && quantity == 0 ? StockAction.End : StockAction.SetQuantity;
        var all = await listings.ListAsync(sale.Sku);
        var pushes = all
            .Where(l => l.Platform != source && Live.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Select(l => new StockPush(sale.Sku, l.Platform, action, quantity, sale.EventId))
            .ToList();

        if (quantity == 0 && all.Any(l => l.Platform == source && l.Status != ListingStatus.Sold))
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sale.Sku, Platform = source, Operation = "sale", Succeeded = true, RemoteStatus = "SOLD",
            }, actor);
        }

        var oversell = result.Oversell is { } record ? await NoticeAsync(record, actor) : null;
        return new SalePlan(sale.Sku, result.Outcome, quantity, stocked, pushes, null, oversell);
    }

    private async Task<OversellNotice> NoticeAsync(OversellRecord record, CatalogActor actor)
    {
        var entries = await ledger.ListAsync(record.Sku);
        var competing = entries
            .Where(e => e.Reason == LedgerReason.Sale && e.AppliedDelta < 0 && e.EventId != record.EventId)
            .Select(e => $"{e.Source?.ToWire()}:{e.OrderId}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var notice = new OversellNotice(record.Sku, record.EventId, record.OrderId, record.Source, record.Shortfall, competing);
        await audit.RecordAsync(record.Sku, actor, "sale.oversell", AuditOutcome.Failure, record.Source,
            $"order {record.Source?.ToWire()}:{record.OrderId} short by {record.Shortfall}; stock went to {string.Join(", ", competing)}");
        return notice;
    }

    private static SalePlan Rejected(SaleEvent sale, string problem) => new(sale.Sku, null, 0, false, [], problem, null);
}
