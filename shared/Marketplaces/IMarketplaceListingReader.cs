namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// Reads what a platform currently shows for our listings: the PULL side of full sync and the hourly
/// reconciliation. Connectors implement it next to <see cref="IMarketplaceConnector"/>. Reads never change
/// anything on the platform; listings without a SKU are skipped (they are not ours to sync).
/// </summary>
public interface IMarketplaceListingReader
{
    /// <summary>The platform (see <see cref="MarketplacePlatform"/>).</summary>
    string Platform { get; }

    /// <summary>
    /// Every listing with a SKU, or only those the platform reports as updated at or after
    /// <paramref name="updatedSince"/> (null: all). Streamed page by page; memory does not grow with the
    /// number of listings. Order is the platform's; callers must not rely on it.
    /// </summary>
    IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, CancellationToken cancellationToken = default);

    /// <summary>The listing for one SKU as the platform shows it now, or null when there is none.</summary>
    Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default);
}

/// <summary>
/// One listing as a platform shows it, in canonical terms. Null fields are ones the platform did not report
/// (they are not compared). <see cref="Price"/> is the platform price (after our per-platform price rule
/// when we pushed it), not the catalog's base price.
/// </summary>
/// <param name="Platform">The platform (see <see cref="MarketplacePlatform"/>).</param>
/// <param name="Sku">Our SKU.</param>
/// <param name="ExternalId">The platform's listing/product id.</param>
/// <param name="Url">Public URL, when the platform has one.</param>
/// <param name="Status">Canonical upper-case listing status (ACTIVE, DRAFT, ENDED, SOLD, ...).</param>
/// <param name="Quantity">Available quantity.</param>
/// <param name="Price">Listed price in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 currency of <paramref name="Price"/>.</param>
/// <param name="Title">Title.</param>
/// <param name="DescriptionHtml">Description as HTML.</param>
/// <param name="UpdatedAt">When the platform last changed the listing.</param>
public sealed record RemoteListing(
    string Platform,
    string Sku,
    string ExternalId,
    Uri? Url,
    string Status,
    int? Quantity,
    decimal? Price,
    string? Currency,
    string? Title,
    string? DescriptionHtml,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>The platform category ids the listing is in, when the platform reports them (handedness maps back from them).</summary>
    public IReadOnlyList<string>? CategoryIds { get; init; }
}
