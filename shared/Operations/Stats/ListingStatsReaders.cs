using System.Globalization;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Stats;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Reverb;

namespace Marketplace.Shared.Operations.Stats;

/// <summary>
/// A live listing whose stats are read: the SKU, the platform's listing id and, on a platform with several shops, the shop
/// holding it (a Reverb account key; null: the only or default shop). A SKU in several shops comes once per shop.
/// </summary>
public sealed record ListedSku(string Sku, string ExternalId, string? Shop = null);

/// <summary>
/// Reads buyers' interest in listings where the platform's API documents it. Read-only. Shopify has none: the Admin API
/// reports no per-product views, watchers or likes, so there is no Shopify reader.
/// </summary>
public interface IListingStatsReader
{
    /// <summary>The platform.</summary>
    Platform Platform { get; }

    /// <summary>Listings per <see cref="ReadAsync"/> call.</summary>
    int BatchSize { get; }

    /// <summary>The stats of the listings the platform still has (at most <see cref="BatchSize"/>), stamped <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ListingStats>> ReadAsync(IReadOnlyList<ListedSku> listings, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>
/// eBay: page views and impressions from the Sell Analytics traffic report (<c>dimension=LISTING</c>, 200 listings a call)
/// over the last <paramref name="windowDays"/> days. eBay's REST APIs document no watch count for sellers' listings.
/// </summary>
public sealed class EbayStatsReader(EbayClient client, int windowDays) : IListingStatsReader
{
    public Platform Platform => Platform.Ebay;

    public int BatchSize => EbayClient.TrafficReportMaxListings;

    public async Task<IReadOnlyList<ListingStats>> ReadAsync(IReadOnlyList<ListedSku> listings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var bySku = listings.ToDictionary(l => l.ExternalId, l => l.Sku, StringComparer.Ordinal);
        var traffic = await client.GetListingTrafficAsync(bySku.Keys, today.AddDays(-Math.Max(1, windowDays)), today, cancellationToken);
        return traffic.Where(t => bySku.ContainsKey(t.ListingId))
            .Select(t => new ListingStats(bySku[t.ListingId], Platform.Ebay, t.ListingId, t.Views, null, null, t.Impressions, now))
            .ToList();
    }
}

/// <summary>
/// Reverb: each listing's <c>stats</c> (<c>views</c>, <c>watches</c>, totals since it was listed), one listing read a call,
/// from the shop (account) holding it. A SKU listed in several shops gets one row: views and watches summed over its shops,
/// the first shop's listing id.
/// </summary>
public sealed class ReverbStatsReader(ReverbAccounts accounts) : IListingStatsReader
{
    public Platform Platform => Platform.Reverb;

    public int BatchSize => 50;

    public async Task<IReadOnlyList<ListingStats>> ReadAsync(IReadOnlyList<ListedSku> listings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var stats = new List<ListingStats>(listings.Count);
        foreach (var listing in listings)
        {
            // A shop no longer configured is skipped like a listing Reverb no longer has: one stale record must not fail the pull.
            if (long.TryParse(listing.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && accounts.TryGet(listing.Shop, out var account)
                && await account.Client.GetListingAsync(id, cancellationToken) is { } found)
            {
                stats.Add(new ListingStats(listing.Sku, Platform.Reverb, listing.ExternalId, found.Stats?.Views, found.Stats?.Watches, null, null, now));
            }
        }

        return stats.GroupBy(s => s.Sku, StringComparer.Ordinal)
            .Select(shops => shops.First() with { Views = Sum(shops.Select(s => s.Views)), Watches = Sum(shops.Select(s => s.Watches)) })
            .ToList();
    }

    private static int? Sum(IEnumerable<int?> counts) => counts.Any(c => c.HasValue) ? counts.Sum() : null;
}
