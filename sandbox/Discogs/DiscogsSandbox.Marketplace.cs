using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Discogs;

public static partial class DiscogsSandbox
{
    private static readonly HashSet<string> ListingStatuses = ["For Sale", "Draft"];

    private static void MapMarketplace(RouteGroupBuilder api)
    {
        api.MapGet("/users/{username}/inventory", (string username, string? status, int? page, int? per_page, HttpRequest request, DiscogsSandboxState state) =>
            username != state.Options.Username
                ? Message(StatusCodes.Status404NotFound, "User does not exist or may have been deleted.")
                : Paged(request, "listings", state.Inventory(status), page, per_page));
        api.MapPost("/marketplace/listings", async (HttpRequest request, DiscogsSandboxState state) =>
        {
            var body = await ReadAsync(request);
            if (Problem(body, state) is { } problem)
            {
                return problem;
            }

            var id = state.CreateListing(body!);
            return Json(new JsonObject { ["listing_id"] = id, ["resource_url"] = $"https://api.discogs.com/marketplace/listings/{id}" }, StatusCodes.Status201Created);
        });
        api.MapGet("/marketplace/listings/{id:long}", (long id, DiscogsSandboxState state) =>
            state.Listing(id) is { } listing ? Json(listing) : NotFound());
        api.MapPost("/marketplace/listings/{id:long}", async (long id, HttpRequest request, DiscogsSandboxState state) =>
        {
            var body = await ReadAsync(request);
            if (state.Listing(id) is null)
            {
                return NotFound();
            }

            return Problem(body, state) ?? (state.UpdateListing(id, body!) ? Results.NoContent() : NotFound());
        });
        api.MapDelete("/marketplace/listings/{id:long}", (long id, DiscogsSandboxState state) =>
            state.DeleteListing(id) ? Results.NoContent() : NotFound());
        api.MapGet("/marketplace/orders", (string? created_after, string? status, int? page, int? per_page, HttpRequest request, DiscogsSandboxState state) =>
        {
            DateTimeOffset? after = DateTimeOffset.TryParse(created_after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
            return Paged(request, "orders", state.Orders(after).Where(o => status is null || o["status"]!.GetValue<string>() == status).ToList(), page, per_page);
        });
        api.MapPost("/marketplace/orders/{id}", async (string id, HttpRequest request, DiscogsSandboxState state) =>
        {
            if (await ReadAsync(request) is not { } body || body["status"] is not JsonValue status || status.GetValue<string>() is not { Length: > 0 } value)
            {
                return Message(StatusCodes.Status422UnprocessableEntity, "Send the order's new status.");
            }

            return state.UpdateOrder(id, value) is { } order ? Json(order) : NotFound();
        });
    }

    private static IResult NotFound() => Message(StatusCodes.Status404NotFound, "The requested resource was not found.");

    /// <summary>Discogs's 422 for a listing body: release, condition, price and status must be valid.</summary>
    private static IResult? Problem(JsonObject? body, DiscogsSandboxState state)
    {
        if (body is null)
        {
            return Message(StatusCodes.Status400BadRequest, "The request body must be JSON.");
        }

        if (body["release_id"] is not JsonValue release || !release.TryGetValue<long>(out var releaseId) || state.Release(releaseId) is null)
        {
            return Message(StatusCodes.Status422UnprocessableEntity, "Invalid release_id: no such release.");
        }

        if (body["condition"]?.GetValue<string>() is not { } condition || !DiscogsSandboxState.Conditions.Any(c => c.Condition == condition))
        {
            return Message(StatusCodes.Status422UnprocessableEntity, "Invalid condition.");
        }

        if (body["price"] is not JsonValue price || !price.TryGetValue<decimal>(out var value) || value <= 0)
        {
            return Message(StatusCodes.Status422UnprocessableEntity, "Invalid price: it must be a positive number.");
        }

        return body["status"]?.GetValue<string>() is { } status && !ListingStatuses.Contains(status)
            ? Message(StatusCodes.Status422UnprocessableEntity, "Invalid status: For Sale or Draft.")
            : null;
    }
}
