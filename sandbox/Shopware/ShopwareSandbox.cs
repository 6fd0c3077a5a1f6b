using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

/// <summary>
/// Shopware 6 Admin API stand-in under <c>/api</c>: OAuth client credentials (<c>/api/oauth/token</c>, tokens expire),
/// bearer auth (401 in Shopware's <c>errors[]</c> shape), <c>_action/sync</c> (keyed upsert/delete, all or nothing, error
/// pointers <c>/{key}/{index}/{field}</c>), product CRUD, <c>search/product</c> and <c>search/order</c> criteria, JSON and
/// JSON:API answers by <c>Accept</c>, media upload by URL, a write-rate limit (429 with Retry-After), latency and faults.
/// </summary>
public static partial class ShopwareSandbox
{
    /// <summary>Registers the Shopware sandbox state; options from <c>Sandbox:Shopware</c>.</summary>
    public static IServiceCollection AddShopwareSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ShopwareSandboxOptions();
        configuration.GetSection("Sandbox:Shopware").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ShopwareSandboxState(sp.GetRequiredService<ShopwareSandboxOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>Maps Shopware's documented Admin API paths and the sandbox-only order simulation.</summary>
    public static WebApplication MapShopwareSandbox(this WebApplication app)
    {
        app.MapPost("/api/oauth/token", async (HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken);
            if (body?["grant_type"]?.ToString() != "client_credentials" || body["client_id"]?.ToString() != state.Options.ClientId
                || body["client_secret"]?.ToString() != state.Options.ClientSecret)
            {
                return Errors(StatusCodes.Status401Unauthorized, new SandboxError(401, "4", "Unauthorized", "Client authentication failed", null));
            }

            var (token, expiresIn) = state.GrantToken();
            return Results.Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = expiresIn, ["access_token"] = token });
        });
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = http.RequestServices.GetRequiredService<ShopwareSandboxState>();
            var authorization = http.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !state.IsValidToken(authorization["Bearer ".Length..]))
            {
                return Errors(StatusCodes.Status401Unauthorized, new SandboxError(401, "9", "Unauthorized", "The resource owner or authorization server denied the request.", null));
            }

            await state.Faults.DelayAsync(http.RequestAborted);
            var write = !HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api/search");
            var fault = state.Faults.Roll(write);
            if (fault == Ebay.SandboxFaultKinds.RateLimit || (write && !state.TryTakeWriteSlot()))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(state.Options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Errors(StatusCodes.Status429TooManyRequests,
                    new SandboxError(429, "FRAMEWORK__RATE_LIMIT_EXCEEDED", "Too Many Requests", "Too many requests, try again later.", null));
            }

            if (fault == Ebay.SandboxFaultKinds.ServerError)
            {
                return Errors(StatusCodes.Status503ServiceUnavailable, new SandboxError(503, "0", "Service Unavailable", "The shop is temporarily unavailable.", null));
            }

            var result = await next(context);
            if (fault == Ebay.SandboxFaultKinds.TimeoutAfterCommit)
            {
                await state.Faults.HoldAsync(http.RequestAborted);
            }

            return result;
        });
        MapSync(api);
        MapProducts(api);
        app.MapPost("/_sandbox/shopware/orders", async (HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken);
            return Results.Json(state.CreateOrder(body?["sku"]?.ToString() ?? string.Empty, body?["quantity"]?.GetValue<int>() ?? 1));
        });
        app.MapPost("/_sandbox/shopware/orders/{id}/cancel", (string id, ShopwareSandboxState state) =>
            state.CancelOrder(id) is { } order ? Results.Json(order) : NotFound("order", id));
        app.MapPost("/_sandbox/shopware/orders/{id}/transaction/{transactionState}", (string id, string transactionState, ShopwareSandboxState state) =>
            state.SetTransactionState(id, transactionState) is { } order ? Results.Json(order) : NotFound("order", id));
        return app;
    }

    internal static IResult Errors(int status, params IEnumerable<SandboxError> errors) =>
        Results.Json(new JsonObject
        {
            ["errors"] = new JsonArray([.. errors.Select(e =>
            {
                var json = new JsonObject
                {
                    ["status"] = e.Status.ToString(CultureInfo.InvariantCulture), ["code"] = e.Code, ["title"] = e.Title, ["detail"] = e.Detail,
                    ["meta"] = new JsonObject { ["parameters"] = new JsonObject() },
                };
                if (e.Pointer is not null)
                {
                    json["source"] = new JsonObject { ["pointer"] = e.Pointer };
                }

                return (JsonNode)json;
            })]),
        }, statusCode: status);

    internal static IResult NotFound(string entity, string id) =>
        Errors(StatusCodes.Status404NotFound, new SandboxError(404, "FRAMEWORK__RESOURCE_NOT_FOUND", "Not Found",
            $"The {entity} resource with the following primary key was not found: id({id})", null));

    internal static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Shopware answers JSON:API unless the client asks for <c>application/json</c>.</summary>
    internal static bool WantsPlainJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
