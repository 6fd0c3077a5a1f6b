using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for eBay (Sell Inventory model): the seller's inventory items from
/// <c>getInventoryItems</c> (paged along <c>next</c>), each joined with its fixed-price offer on the configured
/// marketplace from <c>getOffers?sku=</c> (price, status, listing id; offers are looked up
/// <see cref="EbayClientOptions.BulkConcurrency"/> at a time per page). An inventory item without an offer is not a
/// listing and is skipped. eBay reports no modification date on inventory items or offers and has no filter for
/// one, so <c>updatedSince</c> cannot narrow the result: every listing is returned (a superset) with
/// <see cref="RemoteListing.UpdatedAt"/> null. Status: <c>ACTIVE</c> (published, listing active), <c>SOLD</c>
/// (listing out of stock), <c>ENDED</c> (withdrawn or ended by eBay), <c>DRAFT</c> (offer never published).
/// </summary>
public sealed class EbayListingReader(EbayClient client) : IMarketplaceListingReader
{
    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Ebay;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = new List<EbayInventoryItem>(EbayClient.InventoryPageSize);
        await foreach (var item in client.GetInventoryItemsAsync(cancellationToken))
        {
            if (string.IsNullOrEmpty(item.Sku))
            {
                continue;
            }

            page.Add(item);
            if (page.Count == EbayClient.InventoryPageSize)
            {
                foreach (var listing in await JoinOffersAsync(page, cancellationToken))
                {
                    yield return listing;
                }

                page.Clear();
            }
        }

        foreach (var listing in await JoinOffersAsync(page, cancellationToken))
        {
            yield return listing;
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var offer = await client.FindOfferAsync(sku, cancellationToken);
        if (offer is null)
        {
            return null;
        }

        var item = await client.GetInventoryItemAsync(sku, cancellationToken);
        return ToRemote(item, offer);
    }

    private async Task<IEnumerable<RemoteListing>> JoinOffersAsync(List<EbayInventoryItem> items, CancellationToken cancellationToken)
    {
        var offers = new EbayOffer?[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = client.Options.BulkConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => offers[i] = await client.FindOfferAsync(items[i].Sku!, ct));
        return items.Select((item, i) => offers[i] is { } offer ? ToRemote(item, offer) : null).OfType<RemoteListing>().ToList();
    }

    internal static RemoteListing ToRemote(EbayInventoryItem? item, EbayOffer offer)
    {
        var reference = EbayListingMapper.ToReference(offer);
        var status = offer.Listing?.ListingStatus switch
        {
            "ACTIVE" => "ACTIVE",
            "OUT_OF_STOCK" => "SOLD",
            "ENDED" or "EBAY_ENDED" or "INACTIVE" => "ENDED",
            _ => reference.Status,
        };
        var price = offer.PricingSummary?.Price;
        decimal? amount = decimal.TryParse(price?.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
        // An offer without its own quantity lists the inventory item's ship-to-home quantity; with both, the smaller.
        var shipToHome = item?.Availability?.ShipToLocationAvailability.Quantity;
        var quantity = offer.AvailableQuantity is { } own && shipToHome is { } home ? Math.Min(own, home) : offer.AvailableQuantity ?? shipToHome;
        return new RemoteListing(MarketplacePlatform.Ebay, offer.Sku, reference.ExternalId, reference.Url, status, quantity, amount, price?.Currency,
            item?.Product.Title, offer.ListingDescription ?? item?.Product.Description, null)
        {
            CategoryIds = offer.CategoryId is { } category ? [category] : null,
        };
    }
}
