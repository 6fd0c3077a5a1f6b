using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// The rows of one atomic change in one partition (at most 100, one entity group transaction): the product
/// row under its ETag, new version snapshot, ledger entry, oversell, outbox entries, audit records and their
/// index rows (<see cref="CatalogKeys"/>). Either all are written or none. Usually one product's change; a bulk
/// import adds several products of the same partition with <see cref="For"/>.
/// </summary>
internal sealed class CatalogBatch(string sku)
{
    /// <summary>The most actions one entity group transaction may hold.</summary>
    public const int MaxActions = 100;

    private readonly List<TableTransactionAction> _actions = [];

    /// <summary>The product whose rows the next calls add.</summary>
    public string Sku { get; private set; } = sku;

    /// <summary>The partition every row of this batch is in.</summary>
    public string Partition { get; } = CatalogKeys.PartitionOf(sku);

    public IReadOnlyList<TableTransactionAction> Actions => _actions;

    /// <summary>Switches to another product of the same partition (bulk import).</summary>
    /// <exception cref="ArgumentException">The SKU is in another partition.</exception>
    public CatalogBatch For(string sku)
    {
        if (CatalogKeys.PartitionOf(sku) != Partition)
        {
            throw new ArgumentException($"SKU '{sku}' is not in partition {Partition}.", nameof(sku));
        }

        Sku = sku;
        return this;
    }

    /// <summary>Appends the rows of <paramref name="other"/> (same partition) to this batch.</summary>
    public void Append(CatalogBatch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Partition != Partition)
        {
            throw new ArgumentException($"Batch of partition {other.Partition} cannot join partition {Partition}.", nameof(other));
        }

        _actions.AddRange(other._actions);
    }

    /// <summary>Index of the ledger entry's action, to recognise a duplicate event (409 on it).</summary>
    public int? LedgerActionIndex { get; private set; }

    /// <summary>Writes the product row: insert when <paramref name="etag"/> is default (new product), else replace if unchanged.</summary>
    public void PutProduct(Product product, ETag etag, long ledgerSequence)
    {
        var entity = Row(CatalogKeys.ProductRow(Sku), CatalogKeys.Product, product);
        entity["Status"] = Wire(product.Status);
        entity["Brand"] = product.Brand;
        entity["Category"] = product.Category;
        entity["Handedness"] = Wire(product.Handedness);
        entity["Quantity"] = product.Quantity;
        entity["Version"] = product.Version;
        entity["LedgerSequence"] = ledgerSequence;
        entity["SearchText"] = string.Join('\n', product.Sku, product.Title, product.Brand, product.Model).ToLowerInvariant();
        entity["UpdatedAt"] = product.UpdatedAt;
        _actions.Add(new(etag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, etag));
    }

    /// <summary>
    /// Adds the content snapshot of <paramref name="superseded"/>, the version a write replaces (fails if it exists:
    /// two writers raced). The current version's content is the product row, so a create writes no snapshot.
    /// </summary>
    public void AddVersion(Product superseded) =>
        _actions.Add(new(TableTransactionActionType.Add, Row(CatalogKeys.VersionRow(Sku, superseded.Version), CatalogKeys.Version, superseded with { Quantity = 0 })));

    public void AddLedger(LedgerEntry entry)
    {
        LedgerActionIndex = _actions.Count;
        _actions.Add(new(TableTransactionActionType.Add, LedgerRow(CatalogKeys.LedgerRow(Sku, entry.EventId), CatalogKeys.Ledger, entry)));
        if (entry.Reason is LedgerReason.Sale or LedgerReason.Return)
        {
            _actions.Add(new(TableTransactionActionType.Add, LedgerRow(CatalogKeys.SaleByTimeRow(entry.At, Sku, entry.EventId), CatalogKeys.SaleByTime, entry)));
        }
    }

    public void AddOversell(OversellRecord oversell)
    {
        var entity = Row(CatalogKeys.OversellRow(Sku, oversell.EventId), CatalogKeys.Oversell, oversell);
        entity["Source"] = oversell.Source?.ToWire();
        entity["At"] = oversell.At;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    public void AddOutbox(OutboxEntry entry)
    {
        var entity = Row(CatalogKeys.OutboxRow(Sku, entry.Id), CatalogKeys.Outbox, entry);
        entity["Pending"] = entry.DispatchedAt is null;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    /// <summary>Adds the audit record and its index rows (by time; by platform when it names one; by outcome unless SUCCESS).</summary>
    public void AddAudit(AuditRecord record)
    {
        _actions.Add(new(TableTransactionActionType.Add, AuditRow(CatalogKeys.AuditRow(Sku, record.At, record.Id), CatalogKeys.Audit, record)));
        _actions.Add(new(TableTransactionActionType.Add, AuditRow(CatalogKeys.AuditByTimeRow(record.At, record.Id), CatalogKeys.AuditByTime, record)));
        if (record.Platform is { } platform)
        {
            _actions.Add(new(TableTransactionActionType.Add, AuditRow(CatalogKeys.AuditByPlatformRow(platform, record.At, record.Id), CatalogKeys.AuditByPlatform, record)));
        }

        if (record.Outcome != AuditOutcome.Success)
        {
            _actions.Add(new(TableTransactionActionType.Add, AuditRow(CatalogKeys.AuditByOutcomeRow(record.Outcome, record.At, record.Id), CatalogKeys.AuditByOutcome, record)));
        }
    }

    /// <summary>Writes a listing: insert when <paramref name="etag"/> is default, else replace if unchanged.</summary>
    public void PutListing(Listing listing, ETag etag)
    {
        var entity = Row(CatalogKeys.ListingRow(Sku, listing.Platform), CatalogKeys.Listing, listing);
        entity["Platform"] = listing.Platform.ToWire();
        entity["Status"] = Wire(listing.Status);
        _actions.Add(new(etag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, etag));
    }

    /// <summary>Writes a change set: insert when <paramref name="etag"/> is default, else replace if unchanged.</summary>
    public void PutChangeSet(ChangeSet changeSet, ETag etag)
    {
        var entity = Row(CatalogKeys.ChangeSetRow(Sku, changeSet.Id), CatalogKeys.ChangeSet, changeSet);
        entity["Status"] = Wire(changeSet.Status);
        entity["Source"] = changeSet.Source?.ToWire();
        entity["BatchId"] = changeSet.BatchId;
        entity["CreatedAt"] = changeSet.CreatedAt;
        _actions.Add(new(etag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, etag));
    }

    /// <summary>The wire name of an enum value, as serialized in JSON (e.g. <c>SYNC_CORRECTION</c>).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames<TEnum>.Names.TryGetValue(value, out var name) ? name : CatalogJson.Serialize(value).Trim('"');

    private TableEntity LedgerRow(string rowKey, string kind, LedgerEntry entry)
    {
        var entity = Row(rowKey, kind, entry);
        entity["Reason"] = Wire(entry.Reason);
        entity["Source"] = entry.Source?.ToWire();
        entity["AppliedDelta"] = entry.AppliedDelta;
        entity["RequestedDelta"] = entry.RequestedDelta;
        entity["At"] = entry.At;
        return entity;
    }

    private TableEntity AuditRow(string rowKey, string kind, AuditRecord record)
    {
        var entity = Row(rowKey, kind, record);
        entity["Platform"] = record.Platform?.ToWire();
        entity["Outcome"] = Wire(record.Outcome);
        entity["Action"] = record.Action;
        entity["At"] = record.At;
        return entity;
    }

    private TableEntity Row<T>(string rowKey, string kind, T data) => new(Partition, rowKey)
    {
        [CatalogKeys.KindColumn] = kind,
        [CatalogKeys.SkuColumn] = Sku,
        [CatalogKeys.DataColumn] = CatalogJson.Serialize(data),
    };

    /// <summary>Wire names of the defined values of <typeparamref name="TEnum"/>, computed once (they are written on every row).</summary>
    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => CatalogJson.Serialize(v).Trim('"'));
    }
}
