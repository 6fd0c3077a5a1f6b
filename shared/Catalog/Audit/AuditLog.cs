using System.Runtime.CompilerServices;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Shared.Catalog.Audit;

/// <summary>
/// The audit trail / sync log. Catalog mutations write their records in their own transactions; platform
/// attempts and other events without a catalog mutation are written with <see cref="RecordAsync"/>.
/// Queries return newest first.
/// </summary>
public sealed class AuditLog
{
    private readonly CatalogTable _table;

    internal AuditLog(CatalogTable table) => _table = table;

    /// <summary>Writes one record for <paramref name="sku"/> (at-least-once: a retried call may write it twice).</summary>
    public async Task<AuditRecord> RecordAsync(string sku, CatalogActor actor, string action, AuditOutcome outcome, Platform? platform = null,
        string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = CatalogRecords.Audit(_table.Time, sku, actor, action, outcome, platform, detail);
        var batch = new CatalogBatch(sku);
        batch.AddAudit(record);
        await _table.SubmitAsync(batch, cancellationToken);
        return record;
    }

    /// <summary>
    /// Records matching <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/> (1-1000).
    /// With a SKU this reads one partition; without, it scans the table keeping only the newest matches.
    /// </summary>
    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1000)
        {
            throw CatalogValidationException.For("limit", "The limit is between 1 and 1000.");
        }

        var filters = new List<string>();
        if (query.Platform is { } platform)
        {
            filters.Add(TableFilter.Equal("Platform", platform.ToWire()));
        }

        if (query.Outcome is { } outcome)
        {
            filters.Add(TableFilter.Equal("Outcome", CatalogBatch.Wire(outcome)));
        }

        if (query.Action is { Length: > 0 } action)
        {
            filters.Add(TableFilter.Equal("Action", action));
        }

        if (query.From is { } from)
        {
            filters.Add(TableFilter.GreaterThanOrEqual("At", from));
        }

        if (query.To is { } to)
        {
            filters.Add(TableFilter.LessThanOrEqual("At", to));
        }

        var extra = filters.Count == 0 ? null : TableFilter.And([.. filters]);
        if (query.Sku is not null)
        {
            var count = 0;
            await foreach (var (record, _) in _table.QueryPartitionAsync<AuditRecord>(query.Sku, CatalogKeys.Audit, extra, cancellationToken))
            {
                yield return record;
                if (++count == query.Limit)
                {
                    yield break;
                }
            }

            yield break;
        }

        var newest = new PriorityQueue<AuditRecord, DateTimeOffset>();
        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.Audit, extra, cancellationToken: cancellationToken))
        {
            var record = CatalogJson.Deserialize<AuditRecord>(entity.GetString(CatalogKeys.DataColumn)!);
            newest.Enqueue(record, record.At);
            if (newest.Count > query.Limit)
            {
                newest.Dequeue();
            }
        }

        var ordered = new List<AuditRecord>(newest.Count);
        while (newest.TryDequeue(out var record, out _))
        {
            ordered.Add(record);
        }

        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            yield return ordered[i];
        }
    }
}
