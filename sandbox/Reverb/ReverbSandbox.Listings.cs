using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Reverb;

public static partial class ReverbSandbox
{
    private static void MapListings(RouteGroupBuilder api)
    {
        // Documented parameters: sku, state (all, draft, ended, live, ordered, sold_out, ...; default live), page, per_page.
        api.MapGet("/my/listings", (string? sku, string? state, int? page, int? per_page, HttpRequest request, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            var size = Math.Clamp(per_page ?? 24, 1, 50);
            var current = Math.Max(1, page ?? 1);
            var (listings, total) = store.ListListings(sku, state ?? "live", current, size);
            var totalPages = Math.Max(1, (total + size - 1) / size);
            var links = new JsonObject();
            if (current < totalPages)
            {
                var query = QueryString.Create([.. request.Query.Where(q => q.Key != "page").Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())), KeyValuePair.Create("page", (string?)(current + 1).ToString(CultureInfo.InvariantCulture))]);
                links["next"] = new JsonObject { ["href"] = $"{request.Scheme}://{request.Host}{request.Path}{query}" };
            }

            return Hal(new JsonObject
            {
                ["total"] = total,
                ["current_page"] = current,
                ["total_pages"] = totalPages,
                ["listings"] = new JsonArray(listings.Select(l => (JsonNode)l).ToArray()),
                ["_links"] = links,
            });
        });

        api.MapPost("/listings", async (HttpRequest request, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            if (await ReadAsync(request) is not { } body)
            {
                return Message(StatusCodes.Status400BadRequest, "Request body must be JSON.");
            }

            var errors = Required(body, "make", "model").Concat(PriceProblems(body)).Concat(ShippingProfileProblems(store, body)).ToArray();
            if (errors.Length > 0)
            {
                return Invalid(errors);
            }

            var created = store.Create(body);
            if (body["publish"]?.GetValue<bool>() == true)
            {
                if (PublishProblems(created).ToArray() is { Length: > 0 } publish)
                {
                    return Invalid(publish);
                }

                created = store.Update(created["id"]!.GetValue<long>(), new JsonObject { ["publish"] = true });
            }

            return Hal(new JsonObject { ["message"] = "Your listing has been created.", ["listing"] = created }, StatusCodes.Status201Created);
        });

        api.MapGet("/listings/{id:long}", (long id, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            return store.Get(id) is { } listing ? Hal(listing) : Message(StatusCodes.Status404NotFound, "Listing not found.");
        });

        api.MapPut("/listings/{id:long}", async (long id, HttpRequest request, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            if (store.Get(id) is not { } listing)
            {
                return Message(StatusCodes.Status404NotFound, "Listing not found.");
            }

            if (await ReadAsync(request) is not { } changes)
            {
                return Message(StatusCodes.Status400BadRequest, "Request body must be JSON.");
            }

            if (PriceProblems(changes).Concat(ShippingProfileProblems(store, changes)).ToArray() is { Length: > 0 } invalid)
            {
                return Invalid(invalid);
            }

            if (changes["inventory"]?.GetValue<int>() < 0)
            {
                return Invalid(("inventory", "must be greater than or equal to 0"));
            }

            if (changes["publish"]?.GetValue<bool>() == true)
            {
                var merged = (JsonObject)listing.DeepClone();
                foreach (var (key, value) in changes)
                {
                    merged[key] = value?.DeepClone();
                }

                if (PublishProblems(merged).ToArray() is { Length: > 0 } publish)
                {
                    return Invalid(publish);
                }
            }

            return Hal(new JsonObject { ["message"] = "Your listing has been updated.", ["listing"] = store.Update(id, changes) });
        });

        api.MapPut("/my/listings/{id:long}/state/end", async (long id, HttpRequest request, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            if (store.Get(id) is not { } listing)
            {
                return Message(StatusCodes.Status404NotFound, "Listing not found.");
            }

            var reason = (await ReadAsync(request))?["reason"]?.GetValue<string>();
            if (reason is not ("not_sold" or "reverb_sale"))
            {
                return Invalid(("reason", "must be one of: not_sold, reverb_sale"));
            }

            if (ReverbSandboxState.Slug(listing) != "live")
            {
                return Message(StatusCodes.Status422UnprocessableEntity, "Only live listings can be ended.");
            }

            store.SetState(id, "ended");
            return Hal(new JsonObject { ["message"] = "Your listing has been ended.", ["listing"] = store.Get(id) });
        });
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<(string, string)> Required(JsonObject body, params string[] fields) =>
        fields.Where(f => body[f] is not JsonValue v || string.IsNullOrWhiteSpace(v.ToString())).Select(f => (f, "can't be blank"));

    private static IEnumerable<(string, string)> PriceProblems(JsonObject body)
    {
        if (body["price"] is JsonObject price
            && (!decimal.TryParse(price["amount"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0))
        {
            yield return ("price", "must be greater than 0");
        }
    }

    /// <summary>A shipping profile id must be one of the shop's own (when the shop's profiles are set: <see cref="ReverbSandboxState.ShippingProfiles"/>).</summary>
    private static IEnumerable<(string, string)> ShippingProfileProblems(ReverbSandboxState store, JsonObject body)
    {
        if (body["shipping_profile_id"] is JsonValue value && !store.OwnsShippingProfile(value.ToString()))
        {
            yield return ("shipping_profile_id", "is not a shipping profile of this shop");
        }
    }

    private static IEnumerable<(string, string)> PublishProblems(JsonObject listing)
    {
        if (listing["price"] is null)
        {
            yield return ("price", "can't be blank");
        }

        if (listing["condition"] is null)
        {
            yield return ("condition", "can't be blank");
        }

        if (listing["categories"] is not JsonArray { Count: > 0 })
        {
            yield return ("categories", "can't be blank");
        }
    }
}
