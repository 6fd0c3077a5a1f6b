using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog.Listings;

/// <summary>What a platform attempt (push, end, read) reported for a listing.</summary>
public sealed record ListingAttemptReport
{
    public required string Sku { get; init; }

    public required Platform Platform { get; init; }

    /// <summary>e.g. <c>create</c>, <c>update</c>, <c>quantity</c>, <c>end</c>, <c>read</c>.</summary>
    public required string Operation { get; init; }

    public required bool Succeeded { get; init; }

    /// <summary>The product version pushed, for a push.</summary>
    public long? Version { get; init; }

    public string? Error { get; init; }

    public string? ExternalId { get; init; }

    public string? Url { get; init; }

    /// <summary>The platform's status word (any casing); normalized to <see cref="ListingStatus"/>.</summary>
    public string? RemoteStatus { get; init; }

    /// <summary>The platform's state in canonical field names, when read (the change-set baseline).</summary>
    public JsonObject? RemoteSnapshot { get; init; }

    /// <summary>
    /// The listing in each shop written to, on a platform with several shops (the connector's <see cref="ListingReference.Shops"/>):
    /// a successful attempt with shops replaces <see cref="Listing.Shops"/>; one without keeps them, with its
    /// <see cref="RemoteStatus"/> as each shop's status when it has one.
    /// </summary>
    public IReadOnlyList<ShopListing>? Shops { get; init; }

    /// <summary>What the attempt did beyond its operation, kept on the listing's attempt and in the audit (e.g. the listing a relist replaced).</summary>
    public string? Note { get; init; }

    /// <summary>Flags the listing for review under this reason (see <see cref="ListingFlag"/>), with <see cref="Error"/> as the detail.</summary>
    public string? Flag { get; init; }
}

/// <summary>
/// Per-platform listings of products. <see cref="RecordAttemptAsync"/> updates the listing (creating it on
/// the first attempt) and writes the audit record in one transaction; a failed attempt keeps the listing's
/// status unless it never went live (then ERROR).
/// </summary>
public sealed class ListingStore
{
    private readonly CatalogTable _table;

    internal ListingStore(CatalogTable table) => _table = table;

    public async Task<Listing?> GetAsync(string sku, Platform platform, CancellationToken cancellationToken = default) =>
        await _table.ReadDataAsync<Listing>(sku, CatalogKeys.ListingRow(sku, platform), cancellationToken);

    /// <summary>The listings of one product, in platform order.</summary>
    public async Task<IReadOnlyList<Listing>> ListAsync(string sku, CancellationToken cancellationToken = default)
    {
        var listings = new List<Listing>();
        await foreach (var (listing, _) in _table.QueryPartitionAsync<Listing>(sku, CatalogKeys.Listing, cancellationToken: cancellationToken))
        {
            listings.Add(listing);
        }

        return listings.OrderBy(l => l.Platform).ToList();
    }

    /// <summary>Listings of every product on <paramref name="platform"/> and/or in <paramref name="status"/> (SKU order; one key range per partition, narrowed by property filters).</summary>
    public async IAsyncEnumerable<Listing> QueryAsync(Platform? platform = null, ListingStatus? status = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filters = new List<string>();
        if (platform is { } p)
        {
            filters.Add(TableClient.CreateQueryFilter($"Platform eq {p.ToWire()}"));
        }

        if (status is { } s)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {CatalogBatch.Wire(s)}"));
        }

        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.Listing, CatalogFilter.All(filters), cancellationToken: cancellationToken))
        {
            yield return CatalogJson.Deserialize<Listing>(entity.GetString(CatalogKeys.DataColumn)!);
        }
    }

    /// <summary>Records an attempt against a platform on the listing and in the audit trail.</summary>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    /// <exception cref="CatalogValidationException">The remote status, or a shop's status, is not a known word.</exception>
    public Task<Listing> RecordAttemptAsync(ListingAttemptReport report, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        ListingStatus? remoteStatus = null;
        if (report.RemoteStatus is not null)
        {
            remoteStatus = ListingStatuses.TryNormalize(report.RemoteStatus, out var normalized)
                ? normalized
                : throw CatalogValidationException.For("remoteStatus", $"'{report.RemoteStatus}' is not a listing status.");
        }

        var shops = report.Succeeded ? Shops(report.Shops) : null;
        return _table.WithConcurrencyRetryAsync(async ct =>
        {
            _ = await _table.ReadExistingProductAsync(report.Sku, ct);
            var entity = await _table.ReadEntityAsync(report.Sku, CatalogKeys.ListingRow(report.Sku, report.Platform), ct);
            var now = _table.Time.GetUtcNow();
            var current = entity is null
                ? new Listing { Sku = report.Sku, Platform = report.Platform, UpdatedAt = now }
                : CatalogJson.Deserialize<Listing>(entity.GetString(CatalogKeys.DataColumn)!);
            var attempt = new ListingAttempt(now, report.Operation, report.Succeeded, report.Version, report.Error, actor.CorrelationId, report.Note);
            var next = current.WithAttempt(attempt) with
            {
                ExternalId = report.ExternalId ?? current.ExternalId,
                Url = report.Url ?? current.Url,
                // An attempt without shops that reports a status (end, sale, removal) reports it for the whole platform.
                Shops = shops ?? (remoteStatus is { } shopStatus ? current.Shops?.Select(shop => shop with { Status = shopStatus }).ToList() : current.Shops),
                Status = remoteStatus ?? (report.Succeeded ? current.Status : current.Status is ListingStatus.Pending or ListingStatus.Error ? ListingStatus.Error : current.Status),
                LastPushedVersion = report.Succeeded && report.Version is { } v ? Math.Max(v, current.LastPushedVersion ?? 0) : current.LastPushedVersion,
                LastSeenRemote = report.RemoteSnapshot ?? current.LastSeenRemote,
                LastSeenAt = report.RemoteSnapshot is null ? current.LastSeenAt : now,
                Flag = report.Flag is { } flag ? new ListingFlag(flag, report.Error, now) : report.Succeeded ? null : current.Flag,
                UpdatedAt = now,
            };
            var batch = new CatalogBatch(report.Sku);
            batch.PutListing(next, entity?.ETag ?? default);
            batch.AddAudit(CatalogRecords.Audit(_table.Time, report.Sku, actor, "listing." + report.Operation,
                report.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, report.Platform,
                report.Succeeded
                    ? $"status {CatalogBatch.Wire(next.Status)}" + (report.Version is null ? string.Empty : $", version {report.Version}") + (report.Note is null ? string.Empty : $"; {report.Note}")
                    : report.Error));
            await _table.SubmitAsync(batch, ct);
            return next;
        }, cancellationToken);
    }

    /// <summary>The shops of a report with canonical statuses (null when it names none).</summary>
    private static List<ListingShop>? Shops(IReadOnlyList<ShopListing>? shops) => shops?
        .Select((shop, i) => new ListingShop(shop.Shop, shop.ExternalId, shop.Url?.ToString(), ListingStatuses.TryNormalize(shop.Status, out var status)
            ? status
            : throw CatalogValidationException.For($"shops[{i}].status", $"'{shop.Status}' is not a listing status.")))
        .ToList();
}
