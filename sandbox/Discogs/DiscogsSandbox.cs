using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Discogs;

/// <summary>
/// Discogs API stand-in on its documented root paths: <c>Authorization: Discogs token=...</c> (or <c>?token=</c>; 401
/// otherwise, releases are public), a User-Agent (403 without), the moving-window rate limit with
/// <c>X-Discogs-Ratelimit</c>/<c>-Used</c>/<c>-Remaining</c> on every answer and 429 when exceeded, errors as
/// <c>{"message": ...}</c>; database search with pagination, releases, price suggestions, the seller's inventory,
/// listing create/edit/delete and orders.
/// </summary>
public static partial class DiscogsSandbox
{
    /// <summary>Registers the Discogs sandbox state; options from <c>Sandbox:Discogs</c>.</summary>
    public static IServiceCollection AddDiscogsSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DiscogsSandboxOptions();
        configuration.GetSection("Sandbox:Discogs").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new DiscogsSandboxState(sp.GetRequiredService<DiscogsSandboxOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>Maps Discogs's documented paths and the sandbox's own <c>/_sandbox/discogs/...</c> helpers.</summary>
    public static WebApplication MapDiscogsSandbox(this WebApplication app)
    {
        var api = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = http.RequestServices.GetRequiredService<DiscogsSandboxState>();
            if (string.IsNullOrWhiteSpace(http.Request.Headers.UserAgent))
            {
                return Message(StatusCodes.Status403Forbidden, "Please send a User-Agent that identifies your application.");
            }

            var token = http.Request.Headers.Authorization.ToString() is { Length: > 0 } header && header.StartsWith("Discogs token=", StringComparison.Ordinal)
                ? header["Discogs token=".Length..]
                : http.Request.Query["token"].ToString();
            var isPublic = HttpMethods.IsGet(http.Request.Method) && http.Request.Path.StartsWithSegments("/releases");
            if (token != state.Options.Token && !(isPublic && token.Length == 0))
            {
                return Message(StatusCodes.Status401Unauthorized, "You must authenticate to access this resource.");
            }

            var admitted = state.TryAdmit(out var used, out var remaining);
            http.Response.Headers["X-Discogs-Ratelimit"] = state.Options.RateLimit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Discogs-Ratelimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Discogs-Ratelimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            return admitted ? await next(context) : Message(StatusCodes.Status429TooManyRequests, "You are making requests too quickly.");
        });
        MapDatabase(api);
        MapMarketplace(api);
        app.MapPost("/_sandbox/discogs/releases", async (HttpRequest request, DiscogsSandboxState state) =>
        {
            if (await ReadAsync(request) is not { } release || release["id"] is null)
            {
                return Message(StatusCodes.Status400BadRequest, "Post a release in Discogs's JSON shape with an id.");
            }

            state.AddRelease(release);
            return Results.Created($"/releases/{release["id"]}", null);
        });
        app.MapPost("/_sandbox/discogs/orders/{listingId:long}", (long listingId, DiscogsSandboxState state) =>
            state.CreateOrder(listingId) is { } order ? Json(order, StatusCodes.Status201Created) : Message(StatusCodes.Status409Conflict, "The listing is not for sale."));
        app.MapPost("/_sandbox/discogs/orders/merge", (HttpRequest request, DiscogsSandboxState state) =>
            state.MergeOrders(request.Query["id"].OfType<string>().ToList()) is { } order ? Json(order, StatusCodes.Status201Created) : Message(StatusCodes.Status409Conflict, "Merge two or more open orders."));
        return app;
    }

    private static void MapDatabase(RouteGroupBuilder api)
    {
        api.MapGet("/database/search", (string? q, string? type, string? barcode, string? catno, string? label, string? artist, string? release_title, int? page, int? per_page,
            HttpRequest request, DiscogsSandboxState state) =>
            Paged(request, "results", state.Search(new(q, type, barcode, catno, label, artist, release_title)), page, per_page));
        api.MapGet("/releases/{id:long}", (long id, DiscogsSandboxState state) =>
            state.Release(id) is { } release ? Json(release) : Message(StatusCodes.Status404NotFound, "Release not found."));
        api.MapGet("/marketplace/price_suggestions/{id:long}", (long id, DiscogsSandboxState state) =>
            state.PriceSuggestions(id) is { } prices ? Json(prices) : Message(StatusCodes.Status404NotFound, "Release not found."));
        api.MapGet("/oauth/identity", (DiscogsSandboxState state) => Json(new JsonObject
        {
            ["id"] = 1, ["username"] = state.Options.Username, ["resource_url"] = $"https://api.discogs.com/users/{state.Options.Username}", ["consumer_name"] = "sandbox",
        }));
    }

    /// <summary>One page of <paramref name="items"/> with Discogs's pagination block (<c>per_page</c> at most 100).</summary>
    internal static IResult Paged(HttpRequest request, string name, IReadOnlyList<JsonObject> items, int? page, int? perPage)
    {
        var size = Math.Clamp(perPage ?? 50, 1, 100);
        var pages = Math.Max(1, (items.Count + size - 1) / size);
        var current = Math.Max(1, page ?? 1);
        var urls = new JsonObject();
        string Link(int p) => $"{request.Scheme}://{request.Host}{request.Path}{QueryString.Create([.. request.Query.Where(q => q.Key != "page").Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())), KeyValuePair.Create("page", (string?)p.ToString(CultureInfo.InvariantCulture))])}";
        if (current < pages)
        {
            urls["next"] = Link(current + 1);
            urls["last"] = Link(pages);
        }

        return Json(new JsonObject
        {
            ["pagination"] = new JsonObject { ["page"] = current, ["pages"] = pages, ["per_page"] = size, ["items"] = items.Count, ["urls"] = urls },
            [name] = new JsonArray([.. items.Skip((current - 1) * size).Take(size)]),
        });
    }

    internal static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    internal static IResult Message(int status, string message) => Json(new JsonObject { ["message"] = message }, status);

    internal static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
