using System.Net;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>
    /// Browse API <c>getItemByLegacyId</c> (application token): the live listing <paramref name="listingId"/> as buyers see
    /// it, with <see cref="EbayBrowseItem.ItemCreationDate"/> (when the listing started). Null when eBay does not show it (ended or unknown).
    /// </summary>
    public async Task<EbayBrowseItem?> GetItemByLegacyIdAsync(string listingId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(listingId);
        try
        {
            var response = await SendAsync("getItemByLegacyId", () => Request(HttpMethod.Get, $"/buy/browse/v1/item/get_item_by_legacy_id?legacy_item_id={Uri.EscapeDataString(listingId)}"),
                retrySafe: true, cancellationToken, EbayGrant.ClientCredentials);
            return await ReadAsync<EbayBrowseItem>(response, cancellationToken);
        }
        catch (EbayException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>A live listing as the Browse API shows it: <c>itemId</c>, <c>legacyItemId</c> (the listing id) and when it started.</summary>
public sealed record EbayBrowseItem(string? ItemId, string? LegacyItemId, string? Title, DateTimeOffset? ItemCreationDate);
