using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.Audit;

/// <summary>
/// The audit trail / sync log. Catalog mutations write their records in their own transactions; platform
/// attempts and other events without a catalog mutation are written with <see cref="RecordAsync"/>.
/// Queries return newest first and read index ranges, never the whole table: by SKU one key range of the
/// product's partition; otherwise the by-platform index (with a platform), the by-outcome index (with an
/// outcome other than SUCCESS) or the by-time index, one range per partition, merged; time bounds narrow
/// the range, the other filters are applied to it.
/// </summary>
public sealed partial class AuditLog
{
    private readonly CatalogTable _table;

    internal AuditLog(CatalogTable table) => _table = table;

    /// <summary>Writes one record for <paramref name="sku"/> with its index rows (at-least-once: a retried call may write it twice).</summary>
    public async Task<AuditRecord> RecordAsync(string sku, CatalogActor actor, string action, AuditOutcome outcome, Platform? platform = null,
        string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsValidSubject(sku))
        {
            throw CatalogValidationException.For("sku", $"'{sku}' is not an audit subject: a SKU, or 1-128 characters without '/', '\\', '#', '?', '|' or control characters.");
        }

        var record = CatalogRecords.Audit(_table.Time, sku, actor, action, outcome, platform, detail);
        var batch = new CatalogBatch(sku);
        batch.AddAudit(record);
        await _table.SubmitAsync(batch, cancellationToken);
        return record;
    }

    /// <summary>Records matching <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/> (1-1000).</summary>
    /// <exception cref="CatalogValidationException">The limit is out of range or the cursor is malformed.</exception>
    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = await QueryPageAsync(query, cancellationToken);
        foreach (var record in page.Items)
        {
            yield return record;
        }
    }

    /// <summary>One page of records matching <paramref name="query"/>, newest first, with a cursor for the next page.</summary>
    /// <exception cref="CatalogValidationException">The limit is out of range, the SKU malformed or the cursor not one this log returned.</exception>
    public async Task<AuditPage> QueryPageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1000)
        {
            throw CatalogValidationException.For("limit", "The limit is between 1 and 1000.");
        }

        if (query.Sku is not null && !IsValidSubject(query.Sku))
        {
            throw CatalogValidationException.For("sku", $"'{query.Sku}' is not an audit subject: a SKU, or 1-128 characters without '/', '\\', '#', '?', '|' or control characters.");
        }

        if (query.Cursor is not null && !CursorPattern().IsMatch(query.Cursor))
        {
            throw CatalogValidationException.For("cursor", "The cursor is not one this API returned.");
        }

        var (prefix, filters) = Plan(query);
        var (from, to) = CatalogKeys.NewestFirstRange(prefix, query.From, query.To);
        if (query.Cursor is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey gt {prefix + "|" + query.Cursor}"));
        }

        var extra = CatalogFilter.All(filters);
        var rows = query.Sku is null
            ? _table.QueryRangeAsync(from, to, extra, Math.Min(1000, query.Limit + 1), cancellationToken)
            : _table.QueryProductRowsInRangeAsync(query.Sku, from, to, extra, cancellationToken);
        var items = new List<AuditRecord>(Math.Min(query.Limit, 100));
        string? lastKey = null;
        await foreach (var entity in rows)
        {
            if (items.Count == query.Limit)
            {
                return new AuditPage(items, lastKey![(prefix.Length + 1)..]);
            }

            items.Add(CatalogJson.Deserialize<AuditRecord>(entity.GetString(CatalogKeys.DataColumn)!));
            lastKey = entity.RowKey;
        }

        return new AuditPage(items, null);
    }

    /// <summary>Which index range to read (key prefix) and which filters to apply within it.</summary>
    private static (string Prefix, List<string> Filters) Plan(AuditQuery query)
    {
        var filters = new List<string>();
        string prefix;
        if (query.Sku is not null)
        {
            prefix = $"{CatalogKeys.Audit}|{query.Sku}";
            AddPlatform();
            AddOutcome();
        }
        else if (query.Platform is { } platform)
        {
            prefix = $"{CatalogKeys.AuditByPlatform}|{platform.ToWire()}";
            AddOutcome();
        }
        else if (query.Outcome is { } outcome && outcome != AuditOutcome.Success)
        {
            prefix = $"{CatalogKeys.AuditByOutcome}|{CatalogBatch.Wire(outcome)}";
        }
        else
        {
            prefix = CatalogKeys.AuditByTime;
            AddOutcome();
        }

        if (query.Action is { Length: > 0 } action)
        {
            filters.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        return (prefix, filters);

        void AddPlatform()
        {
            if (query.Platform is { } p)
            {
                filters.Add(TableClient.CreateQueryFilter($"Platform eq {p.ToWire()}"));
            }
        }

        void AddOutcome()
        {
            if (query.Outcome is { } o)
            {
                filters.Add(TableClient.CreateQueryFilter($"Outcome eq {CatalogBatch.Wire(o)}"));
            }
        }
    }

    /// <summary>
    /// What records are written under: a SKU, or another subject without a product (<c>shop:{domain}</c> for shop events,
    /// an eBay account-deletion notification): anything that is safe in a table key and does not contain the key separator.
    /// </summary>
    public static bool IsValidSubject(string subject) =>
        subject.Length is > 0 and <= 128 && !subject.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    [GeneratedRegex("^[0-9]{19}\\|[0-9a-f]{32}$")]
    private static partial Regex CursorPattern();
}
