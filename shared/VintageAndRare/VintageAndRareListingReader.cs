using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for Vintage &amp; Rare from the dealer's CSV export (one download per call).
/// The export has no change dates, so <c>updatedSince</c> cannot narrow it: every listing is returned.
/// </summary>
public sealed class VintageAndRareListingReader(VintageAndRareConnector connector, VintageAndRareOptions options) : IMarketplaceListingReader
{
    /// <inheritdoc />
    public string Platform => MarketplacePlatform.VintageAndRare;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in await connector.ExportAsync(cancellationToken))
        {
            if (row.Sku.Length > 0)
            {
                yield return ToRemote(row);
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default) =>
        (await connector.ExportAsync(cancellationToken)).Where(r => string.Equals(r.Sku, sku, StringComparison.OrdinalIgnoreCase)).Select(ToRemote).FirstOrDefault();

    private RemoteListing ToRemote(VintageAndRareExportRow row) =>
        new(Platform, row.Sku, row.Id, connector.ShowUrl(row.Id), VintageAndRareConnector.CanonicalStatus(row.Status), row.Quantity, row.Price, options.Currency, row.Title, null, null);
}
