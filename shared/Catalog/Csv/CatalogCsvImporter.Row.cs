using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>What applying one group of rows did.</summary>
internal readonly record struct GroupOutcome(int Created, int Updated, int Unchanged, int Quantities, IReadOnlyList<CsvSkippedRow>? Skipped = null);

public sealed partial class CatalogCsvImporter
{
    /// <summary>
    /// Applies one group of products of one partition; retried from a fresh read when it loses a race. While
    /// rows keep being new (<paramref name="state"/>), the group is created without reading first: one request
    /// for up to <see cref="GroupSize"/> new products; a 409 (some exist) falls back to reading them.
    /// </summary>
    private Task<GroupOutcome> ImportGroupAsync(List<Product> group, CatalogActor actor, ImportState state, CancellationToken cancellationToken) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var now = _table.Time.GetUtcNow();
            if (state.CreateFirst)
            {
                try
                {
                    await SubmitPackedAsync(group.Select(row => CreateBatch(row, actor, now)), ct);
                    return new GroupOutcome(group.Count, 0, 0, group.Count(r => r.Quantity > 0));
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    state.CreateFirst = false;
                }
            }

            var stored = await Task.WhenAll(group.Select(row => _table.ReadProductAsync(row.Sku, ct)));
            var plans = await Task.WhenAll(group.Select((row, i) => PlanRowAsync(row, stored[i], actor, now, ct)));
            state.CreateFirst = stored.All(s => s is null);
            await SubmitPackedAsync(plans.Where(p => p.Batch is not null).Select(p => p.Batch!), ct);
            return new GroupOutcome(plans.Count(p => p.Outcome == RowOutcome.Created), plans.Count(p => p.Outcome == RowOutcome.Updated),
                plans.Count(p => p.Outcome == RowOutcome.Unchanged), plans.Count(p => p.QuantityChanged),
                [.. plans.Where(p => p.Skipped is not null).Select(p => p.Skipped!)]);
        }, cancellationToken);

    /// <summary>Commits per-product batches of one partition, as many per transaction as fit in 100 rows (a product's rows stay together).</summary>
    private async Task SubmitPackedAsync(IEnumerable<CatalogBatch> batches, CancellationToken cancellationToken)
    {
        CatalogBatch? pack = null;
        foreach (var batch in batches)
        {
            if (pack is not null && pack.Actions.Count + batch.Actions.Count > CatalogBatch.MaxActions)
            {
                await _table.SubmitAsync(pack, cancellationToken);
                pack = null;
            }

            if (pack is null)
            {
                pack = batch;
            }
            else
            {
                pack.Append(batch);
            }
        }

        if (pack is not null)
        {
            await _table.SubmitAsync(pack, cancellationToken);
        }
    }

    private async Task<RowPlan> PlanRowAsync(Product row, StoredProduct? stored, CatalogActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return new RowPlan(RowOutcome.Created, row.Quantity > 0, CreateBatch(row, actor, now));
        }

        var eventId = EventIdOf(row);
        var current = stored.Product;
        CsvSkippedRow? skipped = null;
        if ((row.Quantity != current.Quantity || (row.Status != current.Status && (row.Status == ProductStatus.Sold || current.Status == ProductStatus.Sold)))
            && await StockMovedSinceImportAsync(row.Sku, cancellationToken) is { } moved)
        {
            // A sale, return or adjustment came after the stock this file (or the last import) set: the file does not undo it.
            skipped = new CsvSkippedRow(row.Sku, $"stock moved since the last import ({moved}): quantity {current.Quantity} and status {CatalogBatch.Wire(current.Status)} kept");
            row = row with { Quantity = current.Quantity, Status = current.Status };
        }

        var contentChanged = !ProductCatalog.SameContent(current, row);
        var quantityDelta = row.Quantity - current.Quantity;
        var quantityChanged = quantityDelta != 0
            && await _table.ReadEntityAsync(row.Sku, CatalogKeys.LedgerRow(row.Sku, eventId), cancellationToken) is null;
        if (!contentChanged && !quantityChanged)
        {
            return new RowPlan(RowOutcome.Unchanged, false, null, skipped);
        }

        var time = _table.Time;
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
            batch.AddVersion(current);
            batch.AddOutbox(CatalogRecords.PushProduct(time, row.Sku, next.Version, "product.import", actor));
            batch.AddAudit(CatalogRecords.Audit(time, row.Sku, actor, "product.import", detail: $"version {current.Version} -> {next.Version}"));
        }

        return new RowPlan(contentChanged ? RowOutcome.Updated : RowOutcome.Unchanged, quantityChanged, batch, skipped);
    }

    /// <summary>What moved the stock after the SKU's last IMPORT entry (sold, returned, adjusted, corrected), or null.</summary>
    private async Task<string?> StockMovedSinceImportAsync(string sku, CancellationToken cancellationToken)
    {
        var entries = await _ledger.ListAsync(sku, cancellationToken);
        var since = entries.Reverse().TakeWhile(e => e.Reason != LedgerReason.Import).Where(e => e.AppliedDelta != 0).ToList();
        return since.Count == 0 ? null : string.Join(", ", since.Select(e => e.Reason).Distinct().Select(r => r switch
        {
            LedgerReason.Sale => "sold",
            LedgerReason.Return => "returned",
            LedgerReason.Adjustment => "adjusted",
            _ => "corrected",
        }));
    }

    /// <summary>The rows creating <paramref name="row"/>: product (version 1), initial stock (IMPORT ledger entry), push outbox entry, audit.</summary>
    private CatalogBatch CreateBatch(Product row, CatalogActor actor, DateTimeOffset now)
    {
        var time = _table.Time;
        var batch = new CatalogBatch(row.Sku);
        var product = row with { Version = 1, CreatedAt = now, UpdatedAt = now };
        var sequence = 0L;
        if (row.Quantity > 0)
        {
            batch.AddLedger(ProductCatalog.NewEntry(row.Sku, EventIdOf(row), LedgerReason.Import, row.Quantity, row.Quantity, ++sequence, actor, now, "CSV import"));
        }

        batch.PutProduct(product, default, sequence);
        batch.AddOutbox(CatalogRecords.PushProduct(time, row.Sku, 1, "product.import", actor));
        batch.AddAudit(CatalogRecords.Audit(time, row.Sku, actor, "product.import", detail: $"created at version 1, quantity {row.Quantity}"));
        return batch;
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

    private enum RowOutcome
    {
        Created,
        Updated,
        Unchanged,
    }

    private sealed record RowPlan(RowOutcome Outcome, bool QuantityChanged, CatalogBatch? Batch, CsvSkippedRow? Skipped = null);

    /// <summary>Whether the rows of this import have been new lately (then creating first saves the reads).</summary>
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
