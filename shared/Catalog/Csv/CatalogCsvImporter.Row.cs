using Azure;
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

    /// <summary>
    /// Creates or updates one product (content and quantity) in one transaction; retried on a lost race.
    /// While rows keep being new (<paramref name="state"/>), the create is tried without reading first: one
    /// request per row for a fresh catalog; a 409 on the product row falls back to read and update.
    /// </summary>
    private Task<(RowOutcome Outcome, bool QuantityChanged)> ImportRowAsync(Product row, CatalogActor actor, ImportState state, CancellationToken cancellationToken) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var now = _table.Time.GetUtcNow();
            var eventId = EventIdOf(row);
            if (state.CreateFirst)
            {
                try
                {
                    await _table.SubmitAsync(CreateBatch(row, actor, eventId, now), ct);
                    return (RowOutcome.Created, row.Quantity > 0);
                }
                catch (RequestFailedException ex) when (ex.IsConflict())
                {
                    state.CreateFirst = false;
                }
            }

            var stored = await _table.ReadProductAsync(row.Sku, ct);
            if (stored is null)
            {
                state.CreateFirst = true;
                await _table.SubmitAsync(CreateBatch(row, actor, eventId, now), ct);
                return (RowOutcome.Created, row.Quantity > 0);
            }

            return await UpdateAsync(row, stored, actor, eventId, now, ct);
        }, cancellationToken);

    private CatalogBatch CreateBatch(Product row, CatalogActor actor, string eventId, DateTimeOffset now)
    {
        var time = _table.Time;
        var batch = new CatalogBatch(row.Sku);
        var product = row with { Quantity = 0, Version = 1, CreatedAt = now, UpdatedAt = now };
        var sequence = 0L;
        if (row.Quantity > 0)
        {
            var ledger = _ledger.Plan(new StoredProduct(product, default, 0), Change(row, row.Quantity, eventId, actor), actor, batch, product);
            product = ledger.Product!;
            sequence = ledger.Entry.Sequence;
        }

        batch.PutProduct(product, default, sequence);
        batch.AddVersion(product);
        batch.AddOutbox(CatalogRecords.PushProduct(time, row.Sku, 1, "product.import", actor));
        batch.AddAudit(CatalogRecords.Audit(time, row.Sku, actor, "product.import", detail: $"created at version 1, quantity {row.Quantity}"));
        return batch;
    }

    private async Task<(RowOutcome Outcome, bool QuantityChanged)> UpdateAsync(Product row, StoredProduct stored, CatalogActor actor, string eventId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var time = _table.Time;
        var current = stored.Product;
        var contentChanged = !ProductCatalog.SameContent(current, row);
        var quantityDelta = row.Quantity - current.Quantity;
        var quantityChanged = quantityDelta != 0
            && await _table.Client.GetEntityIfExistsAsync(row.Sku, CatalogKeys.LedgerRow(eventId), cancellationToken: cancellationToken) is null;
        if (!contentChanged && !quantityChanged)
        {
            return (RowOutcome.Unchanged, false);
        }

        var batch = new CatalogBatch(row.Sku);
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

        await _table.SubmitAsync(batch, cancellationToken);
        return (contentChanged ? RowOutcome.Updated : RowOutcome.Unchanged, quantityChanged);
    }

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

    /// <summary>Whether the rows of this import have been new lately (then creating first saves a read).</summary>
    private sealed class ImportState
    {
        private volatile bool _createFirst = true;

        public bool CreateFirst
        {
            get => _createFirst;
            set => _createFirst = value;
        }
    }
}
