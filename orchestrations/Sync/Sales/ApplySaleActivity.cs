using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Brings the order line's hold on stock to what the platform's order commits (<see cref="SaleEvent.CommittedQuantity"/>)
/// through <see cref="InventoryLedger.ApplyOrderLineAsync"/>: a first sight sells (or, for a test, voided or cancelled
/// order, records the line with the reason and takes nothing), a later lower hold returns the difference; repeats change
/// nothing. Then plans the platforms: after a sale every other live listing (the source too while stock is left); after a
/// return every listing, and ended ones are relisted when the product is ACTIVE again. The planned pushes run here once,
/// side by side (<see cref="PushStockActivity.PushAsync"/>): one activity a sale instead of one a platform keeps a busy
/// shop's sales inside the activity queue's throughput. What they settle (done, or refused for good) is in
/// <see cref="SalePlan.Settled"/>; a push that failed for a reason a retry may fix is left to the orchestrator's retries.
/// </summary>
public sealed partial class ApplySaleActivity(
    InventoryLedger ledger, ProductCatalog catalog, ListingStore listings, AuditLog audit, SyncConnectors connectors, UnmatchedSaleStore unmatched, PushStockActivity stock, ILogger<ApplySaleActivity> logger)
    : TaskActivity<SaleEvent, SalePlan>
{
    private static readonly HashSet<ListingStatus> Live = [ListingStatus.Active, ListingStatus.Pending, ListingStatus.Draft, ListingStatus.Error];
    private static readonly HashSet<ListingStatus> Ended = [ListingStatus.Ended, ListingStatus.Sold];

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
        OrderLineResult line;
        try
        {
            line = await ledger.ApplyOrderLineAsync(new OrderLineChange
            {
                Sku = sale.Sku,
                LineEventId = sale.EventId,
                Committed = sale.CommittedQuantity,
                Source = source,
                OrderId = sale.OrderId,
                Actor = actor.Name,
                CorrelationId = actor.CorrelationId,
                Note = $"order {sale.OrderId} line {sale.LineId}" + (sale.StatusReason is { } why ? $": {why}" : string.Empty),
            });
        }
        catch (CatalogNotFoundException)
        {
            // Kept, not lost: applied when the SKU is created or imported, or resolved/dismissed by an operator.
            var problem = $"SKU '{sale.Sku}' sold on {source.ToWire()} (order {sale.OrderId}) is not in the catalog; kept as an unmatched sale.";
            if (await unmatched.RecordAsync(sale))
            {
                await audit.RecordAsync(sale.Sku, actor, "sale.unmatched", AuditOutcome.Failure, source, $"event {sale.EventId}: {sale.Quantity} unit(s), SKU not in the catalog");
                LogUnmatched(sale.EventId, sale.Sku, source.ToWire());
            }

            return Rejected(sale, problem);
        }

        // A re-run after a worker died between the ledger write and its answer finds the line Unchanged: the platforms
        // still need the update, so the pushes are planned from the event either way (quantities are absolute).
        var returned = sale.CommittedQuantity < sale.Quantity;
        var product = await catalog.GetAsync(sale.Sku);
        var stocked = product?.Stocked ?? false;
        var quantity = line.Quantity;
        var all = await listings.ListAsync(sale.Sku);
        var pushes = line.Outcome == OrderLineOutcome.NotCommitted ? []
            : returned ? ReturnPushes(sale, all, product, quantity)
            : SalePushes(sale, source, all, stocked, quantity);

        if (!returned && line.Outcome != OrderLineOutcome.NotCommitted && quantity == 0 && all.Any(l => l.Platform == source && l.Status != ListingStatus.Sold))
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sale.Sku, Platform = source, Operation = "sale", Succeeded = true, RemoteStatus = "SOLD",
            }, actor);
        }

        var oversell = line.Append?.Oversell is { } record ? await NoticeAsync(record, actor) : null;
        var settled = await Task.WhenAll(pushes.Select(push => TryPushAsync(push, context.InstanceId)));
        return new SalePlan(sale.Sku, line.Append?.Outcome ?? LedgerOutcome.Duplicate, quantity, stocked, pushes, null, oversell, line.Outcome)
        {
            Settled = [.. settled.OfType<StockPushOutcome>()],
        };
    }

    // Null when a retry may fix the failure (the attempt is already recorded on the listing).
    private async Task<StockPushOutcome?> TryPushAsync(StockPush push, string instanceId)
    {
        try
        {
            return await stock.PushAsync(push, instanceId);
        }
        catch (PlatformRejectedException ex)
        {
            return new StockPushOutcome(push.Platform, push.Action, false, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPushLeftToRetries(push.Sku, push.Platform.ToWire(), ex.GetType().Name);
            return null;
        }
    }

    // The source too while stock is left: a push computed before this sale reached the ledger may have overwritten its own
    // count. Pushes send the catalog's quantity at push time, so the last push to every platform leaves it at the catalog's.
    // A source with several shops (Reverb accounts) always: the sale's shop took its stock, the others have not.
    private List<StockPush> SalePushes(SaleEvent sale, Platform source, IReadOnlyList<Listing> all, bool stocked, int quantity)
    {
        var action = !stocked && quantity == 0 ? StockAction.End : StockAction.SetQuantity;
        var severalShops = connectors.TryGet(source, out var own) && own is IMultiShopConnector { ShopCount: > 1 };
        return all
            .Where(l => (l.Platform != source || quantity > 0 || severalShops) && Live.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Select(l => new StockPush(sale.Sku, l.Platform, action, quantity, sale.EventId))
            .ToList();
    }

    // Every platform, the source too: it may have ended a sold-out listing itself; quantities are absolute, so repeating is harmless.
    private List<StockPush> ReturnPushes(SaleEvent sale, IReadOnlyList<Listing> all, Product? product, int quantity)
    {
        var relist = product is { Status: ProductStatus.Active } && quantity > 0;
        return all
            .Where(l => connectors.TryGet(l.Platform, out _) && (Live.Contains(l.Status) || (relist && Ended.Contains(l.Status))))
            .Select(l => new StockPush(sale.Sku, l.Platform, Live.Contains(l.Status) ? StockAction.SetQuantity : StockAction.Relist, quantity, sale.EventId))
            .ToList();
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

    [LoggerMessage(71, LogLevel.Information, "Stock push of {Sku} to {Platform} failed inline ({Error}); the sale workflow retries it")]
    private partial void LogPushLeftToRetries(string sku, string platform, string error);

    [LoggerMessage(70, LogLevel.Warning, "Sale {EventId} on {Platform}: SKU {Sku} is not in the catalog; kept as an unmatched sale")]
    private partial void LogUnmatched(string eventId, string sku, string platform);
}
