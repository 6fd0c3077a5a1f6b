using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    private const string Inventory = "API_INVENTORY";

    private static void MapInventory(RouteGroupBuilder api)
    {
        api.MapPut("/inventory_item/{sku}", (string sku, JsonObject body, HttpContext http, EbaySandboxState state) =>
        {
            if (string.IsNullOrEmpty(http.Request.Headers.ContentLanguage))
            {
                return Error(400, 25709, Inventory, "REQUEST", "Invalid value for header Content-Language.", ("text1", "Content-Language"));
            }

            if (body["product"]?["title"]?.GetValue<string>() is not { Length: > 0 })
            {
                return Error(400, 25002, Inventory, "REQUEST", "A user error has occurred. product.title is required.", ("text1", "product.title"));
            }

            if (IsLive(state, sku) && !state.TryRevise(sku))
            {
                return RevisionLimit(sku);
            }

            // eBay keeps the Content-Language of the last write as the item's locale (en-US -> en_US).
            body["locale"] = http.Request.Headers.ContentLanguage.ToString().Replace('-', '_');
            state.PutItem(sku, body);
            return Results.NoContent();
        });

        // getInventoryItems: limit 1-200 (default 25), offset; InventoryItems page with href/next/prev/size/total.
        api.MapGet("/inventory_item", (int? limit, int? offset, HttpRequest request, EbaySandboxState state) =>
        {
            if (limit is < 1 or > 200 || offset < 0)
            {
                return Error(400, 25706, Inventory, "REQUEST", "You have provided invalid pagination values. limit must be 1-200 and offset 0 or more.", ("text1", "limit, offset"));
            }

            var size = limit ?? 25;
            var start = offset ?? 0;
            var (items, total) = state.ListItems(start, size);
            string Page(int at) => $"{request.Scheme}://{request.Host}{request.Path}?limit={size}&offset={at}";
            var page = new JsonObject
            {
                ["href"] = Page(start),
                ["limit"] = size,
                ["size"] = Math.Max(1, (total + size - 1) / size),
                ["total"] = total,
                ["inventoryItems"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
            };
            if (start + size < total)
            {
                page["next"] = Page(start + size);
            }

            if (start > 0)
            {
                page["prev"] = Page(Math.Max(0, start - size));
            }

            return Results.Json(page);
        });

        api.MapGet("/inventory_item/{sku}", (string sku, EbaySandboxState state) =>
            state.GetItem(sku) is { } item ? Results.Json(item) : NotFoundEntity());

        api.MapGet("/offer", (string? sku, string? marketplace_id, EbaySandboxState state) =>
        {
            if (string.IsNullOrEmpty(sku))
            {
                return Error(400, 25707, Inventory, "REQUEST", "This is an invalid value for a SKU. Only alphanumeric characters can be used for SKUs, and their length must not exceed 50 characters.");
            }

            var offers = state.OffersFor(sku).Where(o => marketplace_id is null || o.MarketplaceId == marketplace_id).Select(o => (JsonNode)o.ToJson()).ToArray();
            return offers.Length == 0
                ? Error(404, 25713, Inventory, "REQUEST", "This Offer is not available.")
                : Results.Json(new JsonObject { ["total"] = offers.Length, ["size"] = offers.Length, ["limit"] = 100, ["offers"] = new JsonArray(offers) });
        });

        api.MapPost("/offer", (JsonObject body, EbaySandboxState state) =>
        {
            var sku = body["sku"]?.GetValue<string>();
            var marketplace = body["marketplaceId"]?.GetValue<string>();
            var format = body["format"]?.GetValue<string>();
            if (sku is null || marketplace is null || format is null)
            {
                return Error(400, 25002, Inventory, "REQUEST", "A user error has occurred. sku, marketplaceId and format are required.", ("text1", "sku, marketplaceId, format"));
            }

            if (state.GetItem(sku) is null)
            {
                return Error(400, 25702, Inventory, "REQUEST", $"The SKU {sku} could not be found.", ("sku", sku));
            }

            var (offerId, created) = state.CreateOffer(new SandboxOffer { Sku = sku, MarketplaceId = marketplace, Format = format, Body = body });
            return created
                ? Results.Json(new { offerId }, statusCode: 201)
                : Error(400, 25002, Inventory, "REQUEST", "A user error has occurred. Offer entity already exists.", ("offerId", offerId));
        });

        api.MapGet("/offer/{offerId}", (string offerId, EbaySandboxState state) =>
            state.GetOffer(offerId) is { } offer ? Results.Json(offer.ToJson()) : OfferNotFound());

        api.MapPut("/offer/{offerId}", (string offerId, JsonObject body, EbaySandboxState state) =>
        {
            if (state.GetOffer(offerId) is not { } offer)
            {
                return OfferNotFound();
            }

            if (offer.Status == "PUBLISHED" && !state.TryRevise(offer.Sku))
            {
                return RevisionLimit(offer.Sku);
            }

            state.UpdateOffer(offerId, o => o.Body = body);
            return Results.NoContent();
        });

        api.MapPost("/offer/{offerId}/publish", (string offerId, EbaySandboxState state) =>
        {
            if (state.GetOffer(offerId) is not { } offer)
            {
                return OfferNotFound();
            }

            var item = state.GetItem(offer.Sku);
            if (item is null)
            {
                return Error(400, 25702, Inventory, "REQUEST", $"The SKU {offer.Sku} could not be found.", ("sku", offer.Sku));
            }

            foreach (var (field, value) in new[] { ("categoryId", offer.Body["categoryId"]), ("pricingSummary.price", offer.Body["pricingSummary"]?["price"]) })
            {
                if (value is null)
                {
                    return Error(400, 25002, Inventory, "REQUEST", $"A user error has occurred. {field} is required to publish.", ("text1", field));
                }
            }

            if (offer.Status == "PUBLISHED" && !state.TryRevise(offer.Sku))
            {
                return RevisionLimit(offer.Sku);
            }

            var listingId = state.UpdateOffer(offerId, o =>
            {
                if (o.Status != "PUBLISHED")
                {
                    o.ListingId = state.NextId();
                    o.ListingStartDate = state.Time.GetUtcNow();
                }

                o.Status = "PUBLISHED";
                o.ListingStatus = "ACTIVE";
                return o.ListingId!;
            });
            return Results.Json(new { listingId, warnings = Array.Empty<object>() });
        });

        api.MapPost("/offer/{offerId}/withdraw", (string offerId, EbaySandboxState state) =>
        {
            if (state.GetOffer(offerId) is not { } offer)
            {
                return OfferNotFound();
            }

            if (offer.Status != "PUBLISHED")
            {
                return Error(400, 25002, Inventory, "REQUEST", "A user error has occurred. The offer is not published.", ("offerId", offerId));
            }

            var listingId = state.UpdateOffer(offerId, o =>
            {
                o.Status = "UNPUBLISHED";
                o.ListingStatus = "ENDED";
                return o.ListingId;
            });
            return Results.Json(new { listingId, warnings = Array.Empty<object>() });
        });

        api.MapPost("/bulk_update_price_quantity", (JsonObject body, EbaySandboxState state) => BulkUpdate(body, state));
    }

    private static bool IsLive(EbaySandboxState state, string sku) => state.OffersFor(sku).Any(o => o.Status == "PUBLISHED");

    private static IResult NotFoundEntity() => Error(404, 25710, Inventory, "REQUEST", "We didn't find the resource/entity you are requesting. Please verify the request");

    private static IResult OfferNotFound() => Error(404, 25713, Inventory, "REQUEST", "This Offer is not available.");

    private static IResult RevisionLimit(string sku) =>
        Error(400, 25019, Inventory, "REQUEST", "This listing has reached the maximum number of revisions allowed per calendar day.", ("sku", sku));
}
