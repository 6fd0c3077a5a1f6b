using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.Ledger;

public sealed partial class InventoryLedger
{
    /// <summary>The SKU's quantity and ledger position (sequence of its last entry) from one read of the product row.</summary>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    public async Task<(int Quantity, long Position, bool Stocked)> GetPositionAsync(string sku, CancellationToken cancellationToken = default)
    {
        var stored = await _table.ReadExistingProductAsync(sku, cancellationToken);
        return (stored.Product.Quantity, stored.LedgerSequence, stored.Product.Stocked);
    }

    /// <summary>A product's ledger in sequence order (buffered: one product's ledger is small).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ListAsync(string sku, CancellationToken cancellationToken = default)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var (entry, _) in _table.QueryPartitionAsync<LedgerEntry>(sku, CatalogKeys.Ledger, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries;
    }

    /// <summary>Oversell records of one SKU, or of every SKU when <paramref name="sku"/> is null (the oversell key range of each partition).</summary>
    public async IAsyncEnumerable<OversellRecord> ListOversellsAsync(string? sku = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (sku is not null)
        {
            await foreach (var (record, _) in _table.QueryPartitionAsync<OversellRecord>(sku, CatalogKeys.Oversell, cancellationToken: cancellationToken))
            {
                yield return record;
            }

            yield break;
        }

        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.Oversell, cancellationToken: cancellationToken))
        {
            yield return CatalogJson.Deserialize<OversellRecord>(entity.GetString(CatalogKeys.DataColumn)!);
        }
    }

    /// <summary>
    /// The "where sold" report: per SKU and platform, units sold (applied), distinct orders, units returned and
    /// oversold units, within [<paramref name="from"/>, <paramref name="to"/>] when given. Reads the ledger rows
    /// of one SKU, or, when <paramref name="sku"/> is null, the time range of the sales index (SALE and RETURN
    /// entries only) of every partition.
    /// </summary>
    public async Task<IReadOnlyList<WhereSoldRow>> WhereSoldAsync(string? sku = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        CancellationToken cancellationToken = default)
    {
        var filters = new List<string> { "Reason eq 'SALE' or Reason eq 'RETURN'" };
        if (from is { } f)
        {
            filters.Add(TableClient.CreateQueryFilter($"At ge {f}"));
        }

        if (to is { } t)
        {
            filters.Add(TableClient.CreateQueryFilter($"At le {t}"));
        }

        var extra = CatalogFilter.All(filters);
        var totals = new Dictionary<(string Sku, Platform? Platform), SoldTotal>();
        var (fromKey, toKey) = CatalogKeys.OldestFirstRange(CatalogKeys.SaleByTime, from, to);
        var rows = sku is null
            ? Entries(_table.QueryRangeAsync(fromKey, toKey, cancellationToken: cancellationToken))
            : PartitionEntries(sku, extra, cancellationToken);
        await foreach (var entry in rows)
        {
            if (entry.RequestedDelta == 0)
            {
                // An order that never held stock (test, voided, cancelled on arrival) is no sale.
                continue;
            }

            var key = (entry.Sku, entry.Source);
            if (!totals.TryGetValue(key, out var total))
            {
                totals[key] = total = new SoldTotal();
            }

            if (entry.Reason == LedgerReason.Sale)
            {
                total.Sold -= entry.AppliedDelta;
                total.Oversold += entry.AppliedDelta - entry.RequestedDelta;
                total.Orders.Add(entry.OrderId ?? entry.EventId);
                total.Last = total.Last is { } last && last > entry.At ? last : entry.At;
            }
            else
            {
                total.Returned += entry.AppliedDelta;
            }
        }

        return totals.Select(t => new WhereSoldRow(t.Key.Sku, t.Key.Platform, t.Value.Sold, t.Value.Orders.Count, t.Value.Returned, t.Value.Oversold, t.Value.Last))
            .OrderBy(r => r.Sku, StringComparer.Ordinal).ThenBy(r => r.Platform).ToList();
    }

    private sealed class SoldTotal
    {
        public int Sold { get; set; }

        public HashSet<string> Orders { get; } = new(StringComparer.Ordinal);

        public int Returned { get; set; }

        public int Oversold { get; set; }

        public DateTimeOffset? Last { get; set; }
    }

    private async IAsyncEnumerable<LedgerEntry> PartitionEntries(string sku, string? extra, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (entry, _) in _table.QueryPartitionAsync<LedgerEntry>(sku, CatalogKeys.Ledger, extra, cancellationToken))
        {
            yield return entry;
        }
    }

    private static async IAsyncEnumerable<LedgerEntry> Entries(IAsyncEnumerable<TableEntity> entities)
    {
        await foreach (var entity in entities)
        {
            yield return CatalogJson.Deserialize<LedgerEntry>(entity.GetString(CatalogKeys.DataColumn)!);
        }
    }
}
