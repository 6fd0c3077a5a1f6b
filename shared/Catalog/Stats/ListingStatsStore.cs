using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.Stats;

/// <summary>
/// Buyers' interest in one listing as its platform last reported it: page views, watchers, likes and search impressions,
/// each null where the platform does not report it (eBay's traffic report has no watchers; Reverb reports views and
/// watches). <paramref name="PulledAt"/> is when it was read.
/// </summary>
public sealed record ListingStats(string Sku, Platform Platform, string? ExternalId, int? Views, int? Watches, int? Likes, int? Impressions, DateTimeOffset PulledAt);

/// <summary>
/// The latest platform stats of each listing (table <c>{catalog table}stats</c>, partition = SKU (catalog SKUs are valid table keys), row key = platform), so
/// a SKU's stats are one partition read. A daily pull overwrites the row; writing the same stats twice is harmless.
/// </summary>
public sealed class ListingStatsStore(TableServiceClient tables, CatalogOptions options)
{
    private readonly TableClient _table = tables.GetTableClient(options.TableName + "stats");
    private volatile bool _created;

    /// <summary>Replaces the stats of each listing in <paramref name="stats"/>.</summary>
    public async Task UpsertAsync(IEnumerable<ListingStats> stats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stats);
        await EnsureAsync(cancellationToken);
        foreach (var bySku in stats.GroupBy(s => s.Sku))
        {
            await _table.SubmitTransactionAsync(bySku.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), cancellationToken);
        }
    }

    /// <summary>The stats of one SKU's listings, or of every listing when <paramref name="sku"/> is null.</summary>
    public async IAsyncEnumerable<ListingStats> ListAsync(string? sku = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var rows = sku is null ? _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : _table.QueryAsync<TableEntity>(e => e.PartitionKey == sku, cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (PlatformNames.TryParse(row.RowKey, out var platform))
            {
                yield return new ListingStats(row.GetString("Sku"), platform, row.GetString("ExternalId"), row.GetInt32("Views"), row.GetInt32("Watches"),
                    row.GetInt32("Likes"), row.GetInt32("Impressions"), row.GetDateTimeOffset("PulledAt") ?? DateTimeOffset.MinValue);
            }
        }
    }

    private static TableEntity ToEntity(ListingStats s) => new(s.Sku, s.Platform.ToWire())
    {
        ["Sku"] = s.Sku,
        ["ExternalId"] = s.ExternalId,
        ["Views"] = s.Views,
        ["Watches"] = s.Watches,
        ["Likes"] = s.Likes,
        ["Impressions"] = s.Impressions,
        ["PulledAt"] = s.PulledAt,
    };

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
