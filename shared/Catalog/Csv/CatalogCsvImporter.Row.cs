using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Storage;

namespace Marketplace.Shared.Catalog.Csv;

public sealed partial class CatalogCsvImporter
{
    private enum RowOutcome
    {
        Created,
        Updated,
        Unchanged,
    }

    /// <summary>Creates or updates one product (content and quantity) in one transaction; retried on a lost race.</summary>
    private Task<(RowOutcome Outcome, bool QuantityChanged)> ImportRowAsync(Product row, CatalogActor actor, CancellationToken cancellationToken) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var time = _table.Time;
            var now = time.GetUtcNow();
            var eventId = EventIdOf(row);
            var stored = await _table.ReadProductAsync(row.Sku, ct);
            var batch = new CatalogBatch(row.Sku);
            if (stored is null)
            {
                var product = row with { Quantity = 0, Version = 1, CreatedAt = now, UpdatedAt = now };
                var fresh = new StoredProduct(product, default, 0);
                if (row.Quantity > 0)
                {
                    var ledger = _ledger.Plan(fresh, Change(row, row.Quantity, eventId, actor), actor, batch, product);
                    product = ledger.Product!;
                    batch.PutProduct(product, default, ledger.Entry.Sequence);
                }
                else
                {
                    batch.PutProduct(product, default, 0);
                }

                batch.AddVersion(product);
                batch.AddOutbox(CatalogRecords.PushProduct(time, row.Sku, 1, "product.import", actor));
                batch.AddAudit(CatalogRecords.Audit(time, row.Sku, actor, "product.import", detail: $"created at version 1, quantity {row.Quantity}"));
                await SubmitAsync(batch, ct);
                return (RowOutcome.Created, row.Quantity > 0);
            }

            var current = stored.Product;
            var contentChanged = !ProductCatalog.SameContent(current, row);
            var quantityDelta = row.Quantity - current.Quantity;
            var quantityChanged = quantityDelta != 0
                && await _table.Client.GetEntityIfExistsAsync(row.Sku, CatalogKeys.LedgerRow(eventId), cancellationToken: ct) is null;
            if (!contentChanged && !quantityChanged)
            {
                return (RowOutcome.Unchanged, false);
            }

            var next = contentChanged
                ? row with { Quantity = current.Quantity, Version = current.Version + 1, CreatedAt = current.CreatedAt, UpdatedAt = now }
                : current;
            var sequence = stored.LedgerSequence;
            if (quantityChanged)
            {
                var ledger = _ledger.Plan(stored, Change(row, quantityDelta, eventId, actor), actor, batch, next);
                next = ledger.Product!;
                sequence = ledger.Entry.Sequence;
            }

            batch.PutProduct(next, stored.ETag, sequence);
            if (contentChanged)
            {
                batch.AddVersion(next);
                batch.AddOutbox(CatalogRecords.PushProduct(time, row.Sku, next.Version, "product.import", actor));
                batch.AddAudit(CatalogRecords.Audit(time, row.Sku, actor, "product.import", detail: $"version {current.Version} -> {next.Version}"));
            }

            await SubmitAsync(batch, ct);
            return (contentChanged ? RowOutcome.Updated : RowOutcome.Unchanged, quantityChanged);
        }, cancellationToken);

    private Task SubmitAsync(CatalogBatch batch, CancellationToken cancellationToken) => _table.SubmitAsync(batch, cancellationToken);

    private static InventoryChange Change(Product row, int delta, string eventId, CatalogActor actor) => new()
    {
        Sku = row.Sku,
        Delta = delta,
        Reason = LedgerReason.Import,
        EventId = eventId,
        Actor = actor.Name,
        CorrelationId = actor.CorrelationId,
        Note = "CSV import",
    };
}
