using System.Globalization;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    /// <summary>
    /// Browse API <c>getItemByLegacyId</c> (<c>GET /buy/browse/v1/item/get_item_by_legacy_id?legacy_item_id=</c>, application
    /// or user token): a live listing by its listing id, with <c>itemCreationDate</c> (when the listing started) as the Browse
    /// <c>Item</c> type documents it. An ended or unknown listing answers 404 with errorId 11001.
    /// </summary>
    private static void MapBrowse(RouteGroupBuilder api) =>
        api.MapGet("/item/get_item_by_legacy_id", (HttpContext http, EbaySandboxState state) =>
        {
            var legacyId = http.Request.Query["legacy_item_id"].ToString();
            if (legacyId.Length == 0)
            {
                return Error(StatusCodes.Status400BadRequest, 11006, "API_BROWSE", "REQUEST", "The legacy Id is invalid. Please provide a valid legacy Id.");
            }

            if (state.OfferForListing(legacyId) is not { } offer)
            {
                return Error(StatusCodes.Status404NotFound, 11001, "API_BROWSE", "REQUEST", "The specified item Id was not found.");
            }

            var price = offer.Body["pricingSummary"]?["price"];
            return Results.Json(new
            {
                itemId = $"v1|{legacyId}|0",
                legacyItemId = legacyId,
                sku = offer.Sku,
                title = state.GetItem(offer.Sku)?["product"]?["title"]?.GetValue<string>(),
                price = price is null ? null : new { value = price["value"]?.ToString(), currency = price["currency"]?.GetValue<string>() },
                itemCreationDate = offer.ListingStartDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                itemWebUrl = $"https://www.ebay.com/itm/{legacyId}",
                marketplaceId = offer.MarketplaceId,
            });
        });
}
