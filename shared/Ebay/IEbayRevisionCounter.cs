namespace Marketplace.Shared.Ebay;

/// <summary>
/// Counts revisions of each listing (by SKU) per eBay calendar day so that the client reports
/// <see cref="EbayRevisionLimitException"/> instead of sending a revision eBay would refuse. eBay documents the limit in
/// its Listing Management guide: "Regardless of the API used, active listings can only be revised a maximum of 250 times
/// per calendar day" (<see cref="EbayClientOptions.MaxRevisionsPerListingPerDay"/>, default 250). Days are Pacific
/// calendar days, as eBay's daily limits. eBay stays authoritative: its own refusal (error 25019) is mapped the same way.
/// A reservation is taken before the call and kept when the call fails (counting high is the safe side).
/// </summary>
public interface IEbayRevisionCounter
{
    /// <summary>Revisions allowed per listing per day.</summary>
    int Limit { get; }

    /// <summary>Reserves one revision of <paramref name="sku"/>'s listing today; false when today's limit is reached (nothing counted).</summary>
    ValueTask<bool> TryReserveAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>Revisions counted today for <paramref name="sku"/>.</summary>
    ValueTask<int> CountTodayAsync(string sku, CancellationToken cancellationToken = default);
}
