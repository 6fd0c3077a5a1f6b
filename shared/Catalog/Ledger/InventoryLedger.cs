using Azure;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Ledger;

/// <summary>
/// The append-only inventory ledger. Appending commits, in one entity group transaction under the product
/// row's ETag: the entry (row key derived from the event id, so a replayed event is a 409 and reported as
/// <see cref="LedgerOutcome.Duplicate"/>), the new quantity on the product row, an oversell record when a
/// sale found too little stock, a <see cref="CatalogOrchestrators.PropagateStock"/> outbox entry when stock
/// moved, and an audit record. Losing the ETag race (412) re-reads and tries again, so concurrent sales of
/// one SKU serialize and quantity never goes below zero. A sale that takes the last unit marks an ACTIVE
/// product SOLD; stock coming back to a SOLD product makes it ACTIVE again.
/// </summary>
public sealed partial class InventoryLedger
{
    private readonly CatalogTable _table;

    internal InventoryLedger(CatalogTable table) => _table = table;

    /// <summary>Applies <paramref name="change"/> once per event id; safe to retry and to call concurrently.</summary>
    /// <exception cref="CatalogValidationException">The delta's sign does not fit the reason, or the event id is missing.</exception>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    public Task<LedgerAppendResult> AppendAsync(InventoryChange change, CancellationToken cancellationToken = default)
    {
        LedgerMath.Validate(change);
        var actor = new CatalogActor(change.Actor, change.CorrelationId ?? Guid.NewGuid().ToString("N"));
        return _table.WithConcurrencyRetryAsync(async ct =>
        {
            var stored = await _table.ReadExistingProductAsync(change.Sku, ct);
            var batch = new CatalogBatch(change.Sku);
            var result = Plan(stored, change, actor, batch, null);
            try
            {
                await _table.SubmitAsync(batch, ct);
                return result;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var earlier = await _table.ReadDataAsync<LedgerEntry>(change.Sku, CatalogKeys.LedgerRow(change.Sku, change.EventId), ct);
                if (earlier is null)
                {
                    throw;
                }

                return new LedgerAppendResult(LedgerOutcome.Duplicate, earlier, stored.Product.Quantity, null);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Adds the rows of <paramref name="change"/> against <paramref name="stored"/> to <paramref name="batch"/>,
    /// including the product row unless <paramref name="productOverride"/> says the caller writes it (it then
    /// receives the new quantity and status through the returned result's entry).
    /// </summary>
    internal LedgerAppendResult Plan(StoredProduct stored, InventoryChange change, CatalogActor actor, CatalogBatch batch, Product? productOverride)
    {
        var time = _table.Time;
        var now = time.GetUtcNow();
        var product = productOverride ?? stored.Product;
        var (applied, shortfall) = LedgerMath.Apply(product.Quantity, change.Delta, change.Reason);
        var quantity = product.Quantity + applied;
        var sequence = stored.LedgerSequence + 1;
        var entry = ProductCatalog.NewEntry(change.Sku, change.EventId, change.Reason, change.Delta, applied, sequence, actor, now, change.Note,
            quantity, change.Source, change.OrderId);
        var status = product.Status switch
        {
            ProductStatus.Active when quantity == 0 && change.Reason == LedgerReason.Sale => ProductStatus.Sold,
            ProductStatus.Sold when quantity > 0 => ProductStatus.Active,
            var unchanged => unchanged,
        };
        var updated = product with { Quantity = quantity, Status = status };
        batch.AddLedger(entry);
        if (productOverride is null)
        {
            batch.PutProduct(updated, stored.ETag, sequence);
        }

        OversellRecord? oversell = null;
        if (shortfall > 0)
        {
            oversell = new OversellRecord
            {
                Sku = change.Sku,
                EventId = change.EventId,
                Source = change.Source,
                OrderId = change.OrderId,
                Requested = -change.Delta,
                Shortfall = shortfall,
                At = now,
                CorrelationId = actor.CorrelationId,
            };
            batch.AddOversell(oversell);
        }

        if (applied != 0)
        {
            batch.AddOutbox(CatalogRecords.Outbox(time, change.Sku, CatalogOrchestrators.PropagateStock,
                new PropagateStockInput(change.Sku, quantity, change.Source, change.EventId), actor));
        }

        var action = "ledger." + CatalogBatch.Wire(change.Reason).ToLowerInvariant();
        batch.AddAudit(CatalogRecords.Audit(time, change.Sku, actor, action, shortfall > 0 ? AuditOutcome.Oversold : AuditOutcome.Success, change.Source,
            $"event {change.EventId}: requested {change.Delta}, applied {applied}, quantity {quantity}" + (change.OrderId is null ? string.Empty : $", order {change.OrderId}")));
        return new LedgerAppendResult(shortfall > 0 ? LedgerOutcome.Oversold : LedgerOutcome.Applied, entry, quantity, oversell) { Product = updated };
    }
}
