using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>
    /// <c>PUT /sell/inventory/v1/inventory_item/{sku}</c>: creates or fully replaces the inventory item (idempotent).
    /// Counts as one revision of the SKU's listing (<see cref="EbayRevisionLimitException"/> when today's limit is reached).
    /// </summary>
    public async Task CreateOrReplaceInventoryItemAsync(string sku, EbayInventoryItem item, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        ArgumentNullException.ThrowIfNull(item);
        await ReserveRevisionAsync(sku, cancellationToken);
        var body = item with { Sku = null };
        using var response = await SendAsync("createOrReplaceInventoryItem", () => Request(HttpMethod.Put, InventoryItemPath(sku), body), retrySafe: true, cancellationToken);
    }

    /// <summary><c>GET /sell/inventory/v1/inventory_item/{sku}</c>, or null when eBay has no item for the SKU.</summary>
    public async Task<EbayInventoryItem?> GetInventoryItemAsync(string sku, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await SendAsync("getInventoryItem", () => Request(HttpMethod.Get, InventoryItemPath(sku)), retrySafe: true, cancellationToken);
            return await ReadAsync<EbayInventoryItem>(response, cancellationToken);
        }
        catch (EbayException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /sell/inventory/v1/offer?sku=&amp;marketplace_id=</c>: the SKU's offer on the configured marketplace, or null.</summary>
    public async Task<EbayOffer?> FindOfferAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var path = $"/sell/inventory/v1/offer?sku={Uri.EscapeDataString(sku)}&marketplace_id={Uri.EscapeDataString(_options.MarketplaceId)}";
        EbayOfferPage page;
        try
        {
            var response = await SendAsync("getOffers", () => Request(HttpMethod.Get, path), retrySafe: true, cancellationToken);
            page = await ReadAsync<EbayOfferPage>(response, cancellationToken);
        }
        catch (EbayException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        var offer = page.Offers?.FirstOrDefault(o => o.MarketplaceId == _options.MarketplaceId && o.Format == "FIXED_PRICE");
        if (offer?.OfferId is { } id)
        {
            _offerIds[sku] = id;
        }

        return offer;
    }

    /// <summary>
    /// Creates the SKU's offer, or updates it (<c>PUT /offer/{offerId}</c>, a full replace) when one exists.
    /// Idempotent by SKU: the existing offer is looked up first; a create that timed out or failed in transport
    /// is resolved by looking the SKU up again (eBay may have committed it), and eBay's "offer already exists"
    /// answer is resolved to that offer. Returns the offer as eBay now holds it.
    /// </summary>
    public async Task<EbayOffer> CreateOrUpdateOfferAsync(EbayOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var existing = await FindOfferAsync(offer.Sku, cancellationToken);
        if (existing?.OfferId is null)
        {
            var created = await TryCreateOfferAsync(offer, cancellationToken);
            if (created is not null)
            {
                return offer with { OfferId = created, Status = "UNPUBLISHED", Listing = null };
            }

            existing = await FindOfferAsync(offer.Sku, cancellationToken)
                ?? throw new MarketplaceException(MarketplacePlatform.Ebay, $"eBay offer for SKU '{offer.Sku}' was reported as existing but cannot be found.");
        }

        await ReserveRevisionAsync(offer.Sku, cancellationToken);
        var update = offer with { OfferId = null, Status = null, Listing = null };
        var offerId = existing.OfferId!;
        using (await SendAsync("updateOffer", () => Request(HttpMethod.Put, $"/sell/inventory/v1/offer/{Uri.EscapeDataString(offerId)}", update), retrySafe: true, cancellationToken))
        {
        }

        return update with { OfferId = offerId, Status = existing.Status, Listing = existing.Listing };
    }

    /// <summary>
    /// Creates the offer; returns its id, or null when eBay already holds an offer for the SKU (the caller reads it).
    /// Runs in the create pipeline: after an ambiguous failure (timeout, transport, 5xx) the next attempt looks the
    /// SKU up first, because eBay may have committed the first one.
    /// </summary>
    private async Task<string?> TryCreateOfferAsync(EbayOffer offer, CancellationToken cancellationToken)
    {
        var body = offer with { OfferId = null, Status = null, Listing = null };
        var attempt = 0;
        return await _pipeline.CreateIdempotentlyAsync(
            async ct =>
            {
                if (attempt++ > 0 && await FindOfferAsync(offer.Sku, ct) is { OfferId: not null })
                {
                    return null;
                }

                try
                {
                    var response = await SendAsync("createOffer", () => Request(HttpMethod.Post, "/sell/inventory/v1/offer", body), retrySafe: false, ct);
                    var created = await ReadAsync<EbayOfferCreated>(response, ct);
                    _offerIds[offer.Sku] = created.OfferId;
                    return created.OfferId;
                }
                catch (EbayException ex) when (ex.ErrorId == OfferAlreadyExistsErrorId && ex.Parameters.ContainsKey("offerId"))
                {
                    return null;
                }
            },
            cancellationToken);
    }

    /// <summary><c>POST /offer/{offerId}/publish</c>: lists the offer (or revises the live listing); returns the listing id. Safe to repeat.</summary>
    public async Task<string> PublishOfferAsync(string offerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(offerId);
        var response = await SendAsync("publishOffer", () => Request(HttpMethod.Post, $"/sell/inventory/v1/offer/{Uri.EscapeDataString(offerId)}/publish"), retrySafe: true, cancellationToken);
        var result = await ReadAsync<EbayPublishResult>(response, cancellationToken);
        return result.ListingId ?? throw new MarketplaceException(MarketplacePlatform.Ebay, $"eBay published offer {offerId} without returning a listingId.");
    }

    /// <summary><c>POST /offer/{offerId}/withdraw</c>: ends the live listing; the offer stays (unpublished). Safe to repeat.</summary>
    public async Task WithdrawOfferAsync(string offerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(offerId);
        using var response = await SendAsync("withdrawOffer", () => Request(HttpMethod.Post, $"/sell/inventory/v1/offer/{Uri.EscapeDataString(offerId)}/withdraw"), retrySafe: true, cancellationToken);
    }

    internal async Task<string?> OfferIdAsync(string sku, CancellationToken cancellationToken) =>
        _offerIds.TryGetValue(sku, out var id) ? id : (await FindOfferAsync(sku, cancellationToken))?.OfferId;

    private static string InventoryItemPath(string sku) => $"/sell/inventory/v1/inventory_item/{Uri.EscapeDataString(sku)}";
}
