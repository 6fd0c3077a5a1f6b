using Azure;
using Marketplace.Shared.Catalog.Audit;

namespace Marketplace.Shared.Catalog.Ledger;

public sealed partial class InventoryLedger
{
    /// <summary>
    /// Brings an order line's hold on stock to <see cref="OrderLineChange.Committed"/> units, atomically with every other
    /// change of the SKU (under the product row's ETag). The line's entries are the SALE under its event id and the
    /// RETURNs under <c>{event id}:to{units}</c>. First sight: a SALE of the committed units, or, when the order commits
    /// none (test, voided, cancelled on arrival), a SALE of 0 that marks the line seen so a late or redelivered
    /// creation takes nothing. Later: a hold only ever shrinks, by a RETURN of the difference (never more than the line
    /// actually took: an oversold unit is not given back); the same or a higher level changes nothing. So redeliveries
    /// and status changes in any order apply once, as the difference.
    /// </summary>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    public Task<OrderLineResult> ApplyOrderLineAsync(OrderLineChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfNegative(change.Committed);
        var actor = new CatalogActor(change.Actor, change.CorrelationId ?? Guid.NewGuid().ToString("N"));
        return _table.WithConcurrencyRetryAsync(async ct =>
        {
            var stored = await _table.ReadExistingProductAsync(change.Sku, ct);
            // First sight (the common case) costs one point read; only a line seen before reads the SKU's ledger for its returns.
            var sale = await _table.ReadDataAsync<LedgerEntry>(change.Sku, CatalogKeys.LedgerRow(change.Sku, change.LineEventId), ct);
            var returns = sale is null ? [] : (await ListAsync(change.Sku, ct))
                .Where(e => e.Reason == LedgerReason.Return && e.EventId.StartsWith(change.LineEventId + ":to", StringComparison.Ordinal))
                .ToList();
            var level = sale is null ? (int?)null : -sale.RequestedDelta - returns.Sum(r => r.RequestedDelta);
            var batch = new CatalogBatch(change.Sku);
            OrderLineOutcome outcome;
            LedgerAppendResult planned;
            if (level is null && change.Committed > 0)
            {
                outcome = OrderLineOutcome.Sold;
                planned = Plan(stored, Change(change, LedgerReason.Sale, -change.Committed, change.LineEventId), actor, batch, null);
            }
            else if (level is null)
            {
                outcome = OrderLineOutcome.NotCommitted;
                planned = PlanNotCommitted(stored, change, actor, batch);
            }
            else
            {
                var taken = -sale!.AppliedDelta - returns.Sum(r => r.AppliedDelta);
                var give = Math.Min(level.Value - change.Committed, taken);
                if (give <= 0)
                {
                    return new OrderLineResult(OrderLineOutcome.Unchanged, null, level.Value, stored.Product.Quantity);
                }

                outcome = OrderLineOutcome.Returned;
                planned = Plan(stored, Change(change, LedgerReason.Return, give, $"{change.LineEventId}:to{change.Committed}"), actor, batch, null);
            }

            try
            {
                await _table.SubmitAsync(batch, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                return new OrderLineResult(OrderLineOutcome.Unchanged, null, level ?? 0, stored.Product.Quantity);
            }

            return new OrderLineResult(outcome, planned, outcome == OrderLineOutcome.Returned ? level!.Value - planned.Entry.RequestedDelta : change.Committed, planned.Quantity);
        }, cancellationToken);
    }

    private static InventoryChange Change(OrderLineChange line, LedgerReason reason, int delta, string eventId) => new()
    {
        Sku = line.Sku, Delta = delta, Reason = reason, EventId = eventId, Source = line.Source, OrderId = line.OrderId,
        Actor = line.Actor, CorrelationId = line.CorrelationId, Note = line.Note,
    };

    private LedgerAppendResult PlanNotCommitted(StoredProduct stored, OrderLineChange change, CatalogActor actor, CatalogBatch batch)
    {
        var now = _table.Time.GetUtcNow();
        var sequence = stored.LedgerSequence + 1;
        var product = stored.Product;
        var entry = Products.ProductCatalog.NewEntry(change.Sku, change.LineEventId, LedgerReason.Sale, 0, 0, sequence, actor, now, change.Note,
            product.Quantity, change.Source, change.OrderId);
        batch.AddLedger(entry);
        batch.PutProduct(product, stored.ETag, sequence);
        batch.AddAudit(CatalogRecords.Audit(_table.Time, change.Sku, actor, "ledger.sale.not-committed", AuditOutcome.Success, change.Source,
            $"event {change.LineEventId}: no stock taken ({change.Note}), quantity {product.Quantity}" + (change.OrderId is null ? string.Empty : $", order {change.OrderId}")));
        return new LedgerAppendResult(LedgerOutcome.Applied, entry, product.Quantity, null) { Product = product };
    }
}

/// <summary>Where an order line should stand: <see cref="Committed"/> units held out of stock (see <see cref="InventoryLedger.ApplyOrderLineAsync"/>).</summary>
public sealed record OrderLineChange
{
    public required string Sku { get; init; }

    /// <summary>The line's sale event id (<c>{platform}:{order}:{line}</c>).</summary>
    public required string LineEventId { get; init; }

    /// <summary>Units the platform's order still holds (0 for test, voided, cancelled or fully restocked).</summary>
    public required int Committed { get; init; }

    public Platform? Source { get; init; }

    public string? OrderId { get; init; }

    public string Actor { get; init; } = "system";

    public string? CorrelationId { get; init; }

    /// <summary>Stored on the entry: the order line and, when it holds less than ordered, why.</summary>
    public string? Note { get; init; }
}

/// <summary>What <see cref="InventoryLedger.ApplyOrderLineAsync"/> did.</summary>
public enum OrderLineOutcome
{
    /// <summary>First sight: the committed units were taken (see the append's outcome for an oversell).</summary>
    Sold,

    /// <summary>First sight of an order that commits nothing: recorded, no stock taken.</summary>
    NotCommitted,

    /// <summary>The hold shrank: the difference was given back as a RETURN.</summary>
    Returned,

    /// <summary>Already at (or below) that level, or nothing taken to give back.</summary>
    Unchanged,
}

/// <summary>The outcome, the ledger append (null when unchanged), the units the line holds now and the SKU's quantity.</summary>
public sealed record OrderLineResult(OrderLineOutcome Outcome, LedgerAppendResult? Append, int Committed, int Quantity);
