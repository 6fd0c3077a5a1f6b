using Azure;
using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.ChangeSets;

public sealed partial class ChangeSetService
{
    /// <summary>The change set, or null.</summary>
    public async Task<ChangeSet?> GetAsync(string sku, string id, CancellationToken cancellationToken = default) =>
        await _table.ReadDataAsync<ChangeSet>(sku, CatalogKeys.ChangeSetRow(sku, id), cancellationToken);

    /// <summary>Change sets of one product (oldest first), or of all products (SKU order; one key range per partition), optionally in one status.</summary>
    public async IAsyncEnumerable<ChangeSet> ListAsync(string? sku = null, ChangeSetStatus? status = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var extra = status is { } s ? TableClient.CreateQueryFilter($"Status eq {CatalogBatch.Wire(s)}") : null;
        if (sku is not null)
        {
            await foreach (var (changeSet, _) in _table.QueryPartitionAsync<ChangeSet>(sku, CatalogKeys.ChangeSet, extra, cancellationToken))
            {
                yield return changeSet;
            }

            yield break;
        }

        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.ChangeSet, extra, cancellationToken: cancellationToken))
        {
            yield return CatalogJson.Deserialize<ChangeSet>(entity.GetString(CatalogKeys.DataColumn)!);
        }
    }

    /// <summary>
    /// Approves or rejects the pending fields named in <paramref name="fields"/> (all pending fields when null)
    /// of a PENDING change set. The change set becomes APPROVED or REJECTED once no field is pending.
    /// </summary>
    /// <exception cref="CatalogConflictException">The change set is not PENDING.</exception>
    /// <exception cref="CatalogValidationException">A named field is not in the change set.</exception>
    public Task<ChangeSet> DecideAsync(string sku, string id, bool approve, CatalogActor actor, IReadOnlyCollection<string>? fields = null,
        CancellationToken cancellationToken = default) =>
        _table.WithConcurrencyRetryAsync(async ct =>
        {
            var (changeSet, etag) = await ReadAsync(sku, id, ct);
            if (changeSet.Status != ChangeSetStatus.Pending)
            {
                throw new CatalogConflictException($"Change set {id} is {CatalogBatch.Wire(changeSet.Status)}; only a PENDING change set can be {(approve ? "approved" : "rejected")}.", "status");
            }

            var unknown = fields?.FirstOrDefault(f => changeSet.Changes.All(c => c.Field != f));
            if (unknown is not null)
            {
                throw CatalogValidationException.For("fields", $"Change set {id} has no change to '{unknown}'.");
            }

            var decision = approve ? FieldChangeStatus.Approved : FieldChangeStatus.Rejected;
            var changes = changeSet.Changes
                .Select(c => c.Status == FieldChangeStatus.Pending && (fields is null || fields.Contains(c.Field)) ? c with { Status = decision, Rule = "by " + actor.Name } : c)
                .ToList();
            var now = _table.Time.GetUtcNow();
            var updated = changeSet with { Changes = changes, Status = ChangeSet.StatusOf(changes), DecidedBy = actor.Name, DecidedAt = now };
            var batch = new CatalogBatch(sku);
            batch.PutChangeSet(updated, etag);
            batch.AddAudit(CatalogRecords.Audit(_table.Time, sku, actor, approve ? "changeset.approve" : "changeset.reject", platform: changeSet.Source,
                detail: $"{id}: {(fields is null ? "all pending fields" : string.Join(", ", fields))} -> {CatalogBatch.Wire(updated.Status)}"));
            await _table.SubmitAsync(batch, ct);
            return updated;
        }, cancellationToken);

    /// <summary>Approves or rejects many change sets; each succeeds or fails on its own.</summary>
    public Task<IReadOnlyList<BulkItemResult>> DecideManyAsync(IEnumerable<ChangeSetRef> refs, bool approve, CatalogActor actor, CancellationToken cancellationToken = default) =>
        BulkAsync(refs, r => DecideAsync(r.Sku, r.Id, approve, actor, null, cancellationToken));

    /// <summary>Applies many change sets; each succeeds or fails on its own.</summary>
    public Task<IReadOnlyList<BulkItemResult>> ApplyManyAsync(IEnumerable<ChangeSetRef> refs, CatalogActor actor, CancellationToken cancellationToken = default) =>
        BulkAsync(refs, r => ApplyAsync(r.Sku, r.Id, actor, cancellationToken));

    /// <summary>Rolls back many change sets; each succeeds or fails on its own.</summary>
    public Task<IReadOnlyList<BulkItemResult>> RollbackManyAsync(IEnumerable<ChangeSetRef> refs, CatalogActor actor, CancellationToken cancellationToken = default) =>
        BulkAsync(refs, r => RollbackAsync(r.Sku, r.Id, actor, cancellationToken));

    private static async Task<IReadOnlyList<BulkItemResult>> BulkAsync(IEnumerable<ChangeSetRef> refs, Func<ChangeSetRef, Task<ChangeSet>> operation)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var results = new List<BulkItemResult>();
        foreach (var item in refs)
        {
            try
            {
                results.Add(new(item, await operation(item), null));
            }
            catch (CatalogException ex)
            {
                // Bulk callers get a per-item outcome; one bad item must not hide the others' results.
                results.Add(new(item, null, ex.Message));
            }
        }

        return results;
    }

    private async Task<(ChangeSet ChangeSet, ETag ETag)> ReadAsync(string sku, string id, CancellationToken cancellationToken)
    {
        var entity = await _table.ReadEntityAsync(sku, CatalogKeys.ChangeSetRow(sku, id), cancellationToken);
        return entity is null
            ? throw new CatalogNotFoundException($"Product '{sku}' has no change set '{id}'.", "id")
            : (CatalogJson.Deserialize<ChangeSet>(entity.GetString(CatalogKeys.DataColumn)!), entity.ETag);
    }
}
