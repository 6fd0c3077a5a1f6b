using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for eBay (Sell Inventory model): a SKU is an inventory item plus one
/// fixed-price offer on the configured marketplace; publishing the offer makes the listing. Upserts are idempotent by
/// SKU (see <see cref="EbayClient.CreateOrUpdateOfferAsync"/>); quantity changes use
/// <c>bulk_update_price_quantity</c>; ending withdraws the offer. Every revision is counted against eBay's
/// per-listing daily limit (<see cref="EbayRevisionLimitException"/>).
/// </summary>
public sealed class EbayConnector(EbayClient client) : IMarketplaceConnector, IShippingProfileReader
{
    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Ebay;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        var offer = await client.FindOfferAsync(sku, cancellationToken);
        return offer is null ? null : EbayListingMapper.ToReference(offer);
    }

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await client.CreateOrReplaceInventoryItemAsync(draft.Sku, EbayListingMapper.ToInventoryItem(draft), cancellationToken);
        var offer = await client.CreateOrUpdateOfferAsync(EbayListingMapper.ToOffer(draft, client.Options), cancellationToken);
        if (draft.Publish && offer.Status != "PUBLISHED")
        {
            var listingId = await client.PublishOfferAsync(offer.OfferId!, cancellationToken);
            return EbayListingMapper.ToReference(offer with { Status = "PUBLISHED" }, listingId);
        }

        return EbayListingMapper.ToReference(offer);
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        var results = await client.BulkUpdatePriceQuantityAsync([new EbayPriceQuantityUpdate(sku, quantity)], cancellationToken);
        var result = results[0];
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Count == 0 && result.StatusCode == 429)
        {
            throw new EbayRevisionLimitException(sku, client.Revisions.Limit, EbayCalendar.NextReset(client.Time.GetUtcNow()));
        }

        var first = result.Errors.FirstOrDefault();
        throw new EbayException($"eBay refused the quantity of SKU '{sku}': status {result.StatusCode}, errorId {first?.ErrorId}: {first?.Message}.", result.Errors, (System.Net.HttpStatusCode)result.StatusCode, null, null);
    }

    /// <inheritdoc />
    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        var offer = await client.FindOfferAsync(sku, cancellationToken);
        if (offer?.OfferId is { } offerId && offer.Status == "PUBLISHED")
        {
            try
            {
                await client.WithdrawOfferAsync(offerId, cancellationToken);
            }
            catch (EbayException ex) when (ex.Status == System.Net.HttpStatusCode.BadRequest)
            {
                // A retried withdraw after a lost answer finds the offer already unpublished: that is success.
                if ((await client.FindOfferAsync(sku, cancellationToken))?.Status == "PUBLISHED")
                {
                    throw;
                }
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Returns are searched by creation date: one opened up to the return window before `since` may complete now.
        var returns = new Dictionary<(string OrderId, string ItemId), (int Units, string ReturnId)>();
        await foreach (var request in client.SearchReturnsAsync(since - client.Options.ReturnLookback, cancellationToken))
        {
            if (EbaySales.RestockedUnits(request) is > 0 and var units && request.OrderId is { } orderId && request.CreationInfo?.Item?.ItemId is { } itemId)
            {
                returns[(orderId, itemId)] = returns.TryGetValue((orderId, itemId), out var earlier) ? (earlier.Units + units, earlier.ReturnId) : (units, request.ReturnId);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var order in client.GetOrdersAsync(since, cancellationToken))
        {
            seen.Add(order.OrderId);
            foreach (var sale in EbaySales.ToSaleEvents(order, returns))
            {
                yield return sale;
            }
        }

        // A completed return does not modify its order: fetch the orders the modified-since page did not bring.
        foreach (var orderId in returns.Keys.Select(k => k.OrderId).Distinct(StringComparer.Ordinal).Where(id => !seen.Contains(id)).ToList())
        {
            if (await client.GetOrderAsync(orderId, cancellationToken) is { } order)
            {
                foreach (var sale in EbaySales.ToSaleEvents(order, returns))
                {
                    yield return sale;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<string?> GetShippingProfileAsync(string sku, CancellationToken cancellationToken = default) =>
        (await client.FindOfferAsync(sku, cancellationToken))?.ListingPolicies?.FulfillmentPolicyId;
}
