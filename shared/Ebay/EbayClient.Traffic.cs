using System.Globalization;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>Listings per traffic report request (the <c>listing_ids</c> filter takes at most 200).</summary>
    public const int TrafficReportMaxListings = 200;

    /// <summary>
    /// Sell Analytics <c>getTrafficReport</c> with <c>dimension=LISTING</c>: page views (<c>LISTING_VIEWS_TOTAL</c>) and
    /// impressions (<c>LISTING_IMPRESSION_TOTAL</c>) of up to <see cref="TrafficReportMaxListings"/> listings on the configured
    /// marketplace between two days (inclusive). eBay's traffic report has no watch count. Safe to repeat.
    /// </summary>
    public async Task<IReadOnlyList<EbayListingTraffic>> GetListingTrafficAsync(IReadOnlyCollection<string> listingIds, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        if (listingIds.Count is 0 or > TrafficReportMaxListings)
        {
            throw new ArgumentOutOfRangeException(nameof(listingIds), listingIds.Count, $"Between 1 and {TrafficReportMaxListings} listing ids.");
        }

        var filter = $"marketplace_ids:{{{_options.MarketplaceId}}},date_range:[{from.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}..{to.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}],listing_ids:{{{string.Join('|', listingIds)}}}";
        var path = $"/sell/analytics/v1/traffic_report?dimension=LISTING&metric=LISTING_VIEWS_TOTAL,LISTING_IMPRESSION_TOTAL&filter={Uri.EscapeDataString(filter)}";
        var response = await SendAsync("getTrafficReport", () => Request(HttpMethod.Get, path), retrySafe: true, cancellationToken);
        var report = await ReadAsync<EbayTrafficReport>(response, cancellationToken);
        var keys = (report.Header?.Metrics ?? []).Select(m => m.Key).ToList();
        int? Metric(EbayTrafficRecord record, string key) =>
            keys.IndexOf(key) is var i and >= 0 && record.MetricValues is { } values && i < values.Count && values[i].Applicable != false ? values[i].Value : null;
        return (report.Records ?? [])
            .Where(r => r.DimensionValues is [{ Value: not null }, ..])
            .Select(r => new EbayListingTraffic(r.DimensionValues![0].Value!, Metric(r, "LISTING_VIEWS_TOTAL"), Metric(r, "LISTING_IMPRESSION_TOTAL")))
            .ToList();
    }
}

/// <summary>One listing's traffic in a report: page views and impressions (null when eBay reports none).</summary>
public sealed record EbayListingTraffic(string ListingId, int? Views, int? Impressions);

internal sealed record EbayTrafficReport(EbayTrafficHeader? Header, IReadOnlyList<EbayTrafficRecord>? Records);

internal sealed record EbayTrafficHeader(IReadOnlyList<EbayTrafficKey>? Metrics);

internal sealed record EbayTrafficKey(string Key);

internal sealed record EbayTrafficRecord(IReadOnlyList<EbayTrafficValue<string>>? DimensionValues, IReadOnlyList<EbayTrafficValue<int?>>? MetricValues);

internal sealed record EbayTrafficValue<T>(T? Value, bool? Applicable);
