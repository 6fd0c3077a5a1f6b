using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for Reverb: the shop's listings in every state from
/// <c>GET /api/my/listings?state=all</c>, page by page along HAL <c>_links.next</c>. Reverb documents no updated-since
/// filter for <c>/api/my/listings</c> (only the order feeds have <c>updated_start_date</c>), so
/// <c>updatedSince</c> is applied client-side to the listing's <c>updated_at</c>; a listing without that field is
/// returned (a superset, never a silent omission). One SKU can have several listings on Reverb (made outside this
/// system): all are returned, and so are the listings of every account (<see cref="ReverbAccounts"/>, the default first).
/// Reads only; at least the Reverb API's own consistency.
/// </summary>
public sealed class ReverbListingReader : IMarketplaceListingReader
{
    private readonly ReverbAccounts _accounts;

    public ReverbListingReader(ReverbClient client)
        : this(new ReverbAccounts(client))
    {
    }

    public ReverbListingReader(ReverbAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = accounts;
    }

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Reverb;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var account in _accounts.All)
        {
            await foreach (var listing in account.Client.GetMyListingsAsync(cancellationToken: cancellationToken))
            {
                if (string.IsNullOrEmpty(listing.Sku) || (updatedSince is { } since && listing.UpdatedAt is { } updated && updated < since))
                {
                    continue;
                }

                yield return ToRemote(listing);
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        foreach (var account in _accounts.All)
        {
            if (await account.Client.FindListingBySkuAsync(sku, cancellationToken) is { } listing)
            {
                return ToRemote(listing);
            }
        }

        return null;
    }

    internal static RemoteListing ToRemote(ReverbListing listing)
    {
        var reference = ReverbListingMapper.ToReference(listing);
        decimal? price = decimal.TryParse(listing.Price?.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
        // Available quantity: nothing once the listing can no longer sell; without has_inventory it is a single item.
        var quantity = listing.IsClosed ? 0 : listing.HasInventory ? listing.Inventory : 1;
        return new RemoteListing(MarketplacePlatform.Reverb, listing.Sku!, reference.ExternalId, reference.Url, reference.Status, quantity, price,
            listing.Price?.Currency, listing.Title, listing.Description, listing.UpdatedAt)
        {
            CategoryIds = listing.Categories?.Select(c => c.Uuid).ToList(),
        };
    }
}
