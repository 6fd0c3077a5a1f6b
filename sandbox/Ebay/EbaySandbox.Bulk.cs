using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    private const int MaxBulkRequests = 25;

    private static IResult BulkUpdate(JsonObject body, EbaySandboxState state)
    {
        state.CountBulkCall();
        var requests = body["requests"] as JsonArray;
        if (requests is null || requests.Count == 0)
        {
            return Error(400, 25002, Inventory, "REQUEST", "A user error has occurred. requests is required.", ("text1", "requests"));
        }

        if (requests.Count > MaxBulkRequests)
        {
            return Error(400, 25002, Inventory, "REQUEST", $"A user error has occurred. At most {MaxBulkRequests} inventory items can be updated per call.", ("text1", "requests"));
        }

        var responses = new JsonArray();
        foreach (var request in requests.OfType<JsonObject>())
        {
            foreach (var response in UpdateOne(request, state))
            {
                responses.Add(response);
            }
        }

        var allOk = responses.All(r => r!["statusCode"]!.GetValue<int>() == 200);
        return Results.Json(new JsonObject { ["responses"] = responses }, statusCode: allOk ? 200 : 207);
    }

    private static IEnumerable<JsonObject> UpdateOne(JsonObject request, EbaySandboxState state)
    {
        var sku = request["sku"]?.GetValue<string>() ?? string.Empty;
        var offers = (request["offers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var quantity = request["shipToLocationAvailability"]?["quantity"]?.GetValue<int>();
        JsonObject Fail(int status, int errorId, string message, string? offerId = null) => Response(sku, offerId, status, new JsonObject
        {
            ["errorId"] = errorId,
            ["domain"] = Inventory,
            ["category"] = "REQUEST",
            ["message"] = message,
            ["longMessage"] = message,
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "sku", ["value"] = sku }),
        });

        var item = state.GetItem(sku);
        if (item is null)
        {
            yield return Fail(404, 25710, "We didn't find the resource/entity you are requesting. Please verify the request");
            yield break;
        }

        if (quantity < 0 || offers.Any(o => o["availableQuantity"]?.GetValue<int>() < 0))
        {
            yield return Fail(400, 25017, "The quantity must be zero or more.");
            yield break;
        }

        var known = state.OffersFor(sku);
        var unknown = offers.FirstOrDefault(o => known.All(k => k.OfferId != o["offerId"]?.GetValue<string>()));
        if (unknown is not null)
        {
            yield return Fail(404, 25713, "This Offer is not available.", unknown["offerId"]?.GetValue<string>());
            yield break;
        }

        if (known.Any(o => o.Status == "PUBLISHED") && !state.TryRevise(sku))
        {
            yield return Fail(400, 25019, "This listing has reached the maximum number of revisions allowed per calendar day.");
            yield break;
        }

        if (quantity is { } q)
        {
            item["availability"] = new JsonObject { ["shipToLocationAvailability"] = new JsonObject { ["quantity"] = q } };
            state.PutItem(sku, item);
        }

        foreach (var offer in offers)
        {
            var offerId = offer["offerId"]!.GetValue<string>();
            state.UpdateOffer(offerId, o =>
            {
                if (offer["availableQuantity"] is { } available)
                {
                    o.Body["availableQuantity"] = available.DeepClone();
                }

                if (offer["price"] is { } price)
                {
                    o.Body["pricingSummary"] = new JsonObject { ["price"] = price.DeepClone() };
                }

                return 0;
            });
            yield return Response(sku, offerId, 200, null);
        }

        if (offers.Count == 0)
        {
            yield return Response(sku, null, 200, null);
        }
    }

    private static JsonObject Response(string sku, string? offerId, int status, JsonObject? error)
    {
        var response = new JsonObject { ["statusCode"] = status, ["sku"] = sku };
        if (offerId is not null)
        {
            response["offerId"] = offerId;
        }

        if (error is not null)
        {
            response["errors"] = new JsonArray(error);
        }

        return response;
    }
}
