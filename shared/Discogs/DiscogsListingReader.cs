using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for Discogs: the seller's inventory in every status, listings without our SKU
/// in <c>external_id</c> skipped. A listing sells one copy: quantity 1 while For Sale, else 0. Discogs reports no
/// update time, so <c>updatedSince</c> is applied to <c>posted</c> only when both are known (a superset, never an omission). Reads only.
/// </summary>
public sealed class DiscogsListingReader(DiscogsClient client) : IMarketplaceListingReader
{
    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Discogs;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var listing in client.GetInventoryAsync(cancellationToken))
        {
            if (!string.IsNullOrEmpty(listing.ExternalId) && !(updatedSince is { } since && listing.Posted is { } posted && posted < since && listing.Status == "For Sale"))
            {
                yield return ToRemote(listing);
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        await foreach (var listing in client.GetInventoryAsync(cancellationToken))
        {
            if (string.Equals(listing.ExternalId, sku, StringComparison.Ordinal))
            {
                return ToRemote(listing);
            }
        }

        return null;
    }

    private static RemoteListing ToRemote(DiscogsListing listing) => new(
        MarketplacePlatform.Discogs,
        listing.ExternalId!,
        listing.Id.ToString(CultureInfo.InvariantCulture),
        listing.Uri is { } uri ? new Uri(uri) : null,
        listing.Status switch { "For Sale" => "ACTIVE", "Draft" => "DRAFT", "Sold" => "SOLD", _ => "ENDED" },
        listing.Status == "For Sale" ? 1 : 0,
        listing.Price?.Value,
        listing.Price?.Currency,
        listing.Release?.Description,
        null,
        listing.Posted);
}
