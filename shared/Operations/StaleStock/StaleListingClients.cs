using System.Globalization;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Reverb;

namespace Marketplace.Shared.Operations.StaleStock;

/// <summary>
/// Reads how old a platform's listing is and relists it (end, then list again) where the platform allows it. A relist
/// is safe to repeat: a second call after a finished one finds a fresh listing (callers check the age first), and a
/// call after one that stopped between the end and the new listing only lists it again. Each call names the shop holding the
/// listing on a platform with several (<c>shop</c>: a Reverb account key, as in the listing's shops; null: the platform's
/// only shop, or Reverb's default account).
/// </summary>
public interface IStaleListingClient
{
    /// <summary>The platform.</summary>
    Platform Platform { get; }

    /// <summary>
    /// When the listing started as the platform documents it; <see cref="DateTimeOffset.MinValue"/> for a listing that was
    /// ended and not listed again (a relist cut short); null when the platform has no listing for the SKU.
    /// </summary>
    Task<DateTimeOffset?> GetListedAtAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default);

    /// <summary>Ends the listing in <paramref name="shop"/> and lists it again there; returns the listing id afterwards.</summary>
    Task<string> RelistAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// eBay inventory-API offers: the listing start is the Browse API's <c>itemCreationDate</c>; a relist withdraws the offer
/// (<c>withdrawOffer</c> ends the listing, the offer stays) and publishes it again (<c>publishOffer</c>), which creates a
/// new listing with a new listing id, as eBay documents for offers.
/// </summary>
public sealed class EbayStaleListings(EbayClient client) : IStaleListingClient
{
    public Platform Platform => Platform.Ebay;

    public async Task<DateTimeOffset?> GetListedAtAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default)
    {
        if (await client.GetItemByLegacyIdAsync(externalId, cancellationToken) is { ItemCreationDate: { } started })
        {
            return started;
        }

        // Not live under the recorded id: a relist published it under a new id, or was cut short after the withdraw.
        var offer = await client.FindOfferAsync(sku, cancellationToken);
        if (offer is null)
        {
            return null;
        }

        if (offer.Status != "PUBLISHED")
        {
            return DateTimeOffset.MinValue;
        }

        return offer.Listing?.ListingId is { } live && live != externalId ? (await client.GetItemByLegacyIdAsync(live, cancellationToken))?.ItemCreationDate : null;
    }

    public async Task<string> RelistAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default)
    {
        var offer = await client.FindOfferAsync(sku, cancellationToken) ?? throw new InvalidOperationException($"eBay has no offer for SKU '{sku}'.");
        var offerId = offer.OfferId ?? throw new InvalidOperationException($"eBay's offer for SKU '{sku}' has no id.");
        if (offer.Status == "PUBLISHED")
        {
            await client.WithdrawOfferAsync(offerId, cancellationToken);
        }

        return await client.PublishOfferAsync(offerId, cancellationToken);
    }
}

/// <summary>
/// Reverb listings: the listing start is <c>published_at</c> (<c>created_at</c> when Reverb sends none); a relist ends the
/// live listing (<c>state/end</c>, reason <c>not_sold</c>) and publishes it again (<c>publish: true</c>), keeping its id.
/// Each call goes to the shop (account) that holds the listing.
/// </summary>
public sealed class ReverbStaleListings(ReverbAccounts accounts) : IStaleListingClient
{
    public Platform Platform => Platform.Reverb;

    public async Task<DateTimeOffset?> GetListedAtAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default)
    {
        var listing = await GetAsync(accounts.ClientFor(shop), externalId, cancellationToken);
        return listing is null ? null
            : listing.State?.Slug is "ended" ? DateTimeOffset.MinValue
            : listing.PublishedAt ?? listing.CreatedAt;
    }

    public async Task<string> RelistAsync(string sku, string externalId, string? shop = null, CancellationToken cancellationToken = default)
    {
        var client = accounts.ClientFor(shop);
        var listing = await GetAsync(client, externalId, cancellationToken)
            ?? throw new InvalidOperationException($"Reverb shop '{shop ?? ReverbAccounts.DefaultKey}' has no listing {externalId} (SKU '{sku}').");
        if (listing.State?.Slug == "live")
        {
            await client.EndListingAsync(listing.Id, "not_sold", cancellationToken);
        }

        await client.UpdateListingAsync(listing.Id, new System.Text.Json.Nodes.JsonObject { ["publish"] = true }, cancellationToken);
        return listing.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static Task<ReverbListing?> GetAsync(ReverbClient client, string externalId, CancellationToken cancellationToken) =>
        long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? client.GetListingAsync(id, cancellationToken)
            : throw new InvalidOperationException($"'{externalId}' is not a Reverb listing id.");
}
