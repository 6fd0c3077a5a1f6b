using Azure;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// The rows of one atomic change to one product's partition (at most 100, one entity group transaction):
/// the product row under its ETag, new version snapshot, ledger entry, oversell, outbox entries and audit
/// records. Either all are written or none.
/// </summary>
internal sealed class CatalogBatch(string sku)
{
    private readonly List<TableTransactionAction> _actions = [];

    public string Sku { get; } = sku;

    public IReadOnlyList<TableTransactionAction> Actions => _actions;

    /// <summary>Index of the ledger entry's action, to recognise a duplicate event (409 on it).</summary>
    public int? LedgerActionIndex { get; private set; }

    /// <summary>Writes the product row: insert when <paramref name="etag"/> is default (new product), else replace if unchanged.</summary>
    public void PutProduct(Product product, ETag etag, long ledgerSequence)
    {
        var entity = Row(CatalogKeys.Product, CatalogKeys.Product, product);
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

    /// <summary>Adds the content snapshot of <paramref name="product"/>'s version (fails if it exists: two writers raced).</summary>
    public void AddVersion(Product product) =>
        _actions.Add(new(TableTransactionActionType.Add, Row(CatalogKeys.VersionRow(product.Version), CatalogKeys.Version, product with { Quantity = 0 })));

    public void AddLedger(LedgerEntry entry)
    {
        var entity = Row(CatalogKeys.LedgerRow(entry.EventId), CatalogKeys.Ledger, entry);
        entity["Reason"] = Wire(entry.Reason);
        entity["Source"] = entry.Source?.ToWire();
        entity["AppliedDelta"] = entry.AppliedDelta;
        entity["RequestedDelta"] = entry.RequestedDelta;
        entity["At"] = entry.At;
        LedgerActionIndex = _actions.Count;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    public void AddOversell(OversellRecord oversell)
    {
        var entity = Row(CatalogKeys.OversellRow(oversell.EventId), CatalogKeys.Oversell, oversell);
        entity["Source"] = oversell.Source?.ToWire();
        entity["At"] = oversell.At;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    public void AddOutbox(OutboxEntry entry)
    {
        var entity = Row(CatalogKeys.OutboxRow(entry.Id), CatalogKeys.Outbox, entry);
        entity["Pending"] = entry.DispatchedAt is null;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    public void AddAudit(AuditRecord record)
    {
        var entity = Row(CatalogKeys.AuditRow(record.At, record.Id), CatalogKeys.Audit, record);
        entity["Platform"] = record.Platform?.ToWire();
        entity["Outcome"] = Wire(record.Outcome);
        entity["Action"] = record.Action;
        entity["At"] = record.At;
        _actions.Add(new(TableTransactionActionType.Add, entity));
    }

    /// <summary>Writes a listing: insert when <paramref name="etag"/> is default, else replace if unchanged.</summary>
    public void PutListing(Listing listing, ETag etag)
    {
        var entity = Row(CatalogKeys.ListingRow(listing.Platform), CatalogKeys.Listing, listing);
        entity["Platform"] = listing.Platform.ToWire();
        entity["Status"] = Wire(listing.Status);
        _actions.Add(new(etag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, etag));
    }

    /// <summary>Writes a change set: insert when <paramref name="etag"/> is default, else replace if unchanged.</summary>
    public void PutChangeSet(ChangeSet changeSet, ETag etag)
    {
        var entity = Row(CatalogKeys.ChangeSetRow(changeSet.Id), CatalogKeys.ChangeSet, changeSet);
        entity["Status"] = Wire(changeSet.Status);
        entity["Source"] = changeSet.Source?.ToWire();
        entity["BatchId"] = changeSet.BatchId;
        entity["CreatedAt"] = changeSet.CreatedAt;
        _actions.Add(new(etag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, etag));
    }

    /// <summary>The wire name of an enum value, as serialized in JSON (e.g. <c>SYNC_CORRECTION</c>).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => CatalogJson.Serialize(value).Trim('"');

    private TableEntity Row<T>(string rowKey, string kind, T data) => new(Sku, rowKey)
    {
        [CatalogKeys.KindColumn] = kind,
        [CatalogKeys.DataColumn] = CatalogJson.Serialize(data),
    };
}
