using System.Text;

namespace Marketplace.Sandbox.Ebay;

/// <summary>
/// eBay stand-in: OAuth token endpoint (<c>/identity/v1/oauth2/token</c>), Sell Inventory (<c>/sell/inventory/v1</c>:
/// inventory items by SKU and paged with <c>limit</c>/<c>offset</c>/<c>next</c>, offers, bulk price and quantity),
/// Fulfillment (<c>/sell/fulfillment/v1/order</c>), Notification public keys (<c>/commerce/notification/v1</c>) and
/// Developer Analytics <c>getUserRateLimits</c>,
/// with eBay's error envelope, 401 for bad tokens, 429 for throttling (Retry-After) and the daily call limit (no
/// Retry-After), the 250 revisions per listing per day limit, signed notifications, latency and fault injection.
/// </summary>
public static partial class EbaySandbox
{
    /// <summary>Registers the eBay sandbox state; options from <c>Sandbox:Ebay</c>.</summary>
    public static IServiceCollection AddEbaySandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new EbaySandboxOptions();
        configuration.GetSection("Sandbox:Ebay").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new EbaySandboxState(sp.GetRequiredService<EbaySandboxOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>Maps the eBay sandbox's documented paths.</summary>
    public static WebApplication MapEbaySandbox(this WebApplication app)
    {
        app.MapPost("/identity/v1/oauth2/token", MintTokenAsync);
        MapInventory(ApiGroup(app, "/sell/inventory/v1", userToken: true));
        MapFulfillment(ApiGroup(app, "/sell/fulfillment/v1", userToken: true));
        MapNotification(ApiGroup(app, "/commerce/notification/v1", userToken: false));
        MapAnalytics(app);
        MapTrafficReport(ApiGroup(app, "/sell/analytics/v1", userToken: true));
        MapBrowse(ApiGroup(app, "/buy/browse/v1", userToken: false));
        MapPostOrder(ApiGroup(app, "/post-order/v2", userToken: true, scheme: "IAF"));
        MapControl(app.MapGroup("/_sandbox/ebay"));
        return app;
    }

    // The Sell APIs act for a seller: an application token (client credentials) is refused with 403 errorId 1100.
    // The Post-Order API takes the OAuth user token under the IAF scheme instead of Bearer.
    private static RouteGroupBuilder ApiGroup(WebApplication app, string prefix, bool userToken, string scheme = "Bearer") =>
        app.MapGroup(prefix).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = http.RequestServices.GetRequiredService<EbaySandboxState>();
            var authorization = http.Request.Headers.Authorization.ToString();
            var token = authorization.StartsWith(scheme + " ", StringComparison.Ordinal) ? authorization[(scheme.Length + 1)..] : string.Empty;
            if (!state.IsValidToken(token))
            {
                http.Response.Headers.WWWAuthenticate = scheme;
                return Error(StatusCodes.Status401Unauthorized, 1001, "OAuth", "REQUEST", "Invalid access token", "Invalid access token. Check the value of the Authorization HTTP request header.");
            }

            if (userToken && !state.IsUserToken(token))
            {
                return Error(StatusCodes.Status403Forbidden, 1100, "ACCESS", "REQUEST", "Access denied", "Insufficient permissions to fulfill the request.");
            }

            await state.Faults.DelayAsync(http.RequestAborted);
            if (!state.TryCountCall())
            {
                return Error(StatusCodes.Status429TooManyRequests, 2001, "ACCESS", "REQUEST", "Too many requests. The request limit has been reached for the resource (daily call limit).");
            }

            var fault = state.Faults.Roll(isWrite: !HttpMethods.IsGet(http.Request.Method));
            switch (fault)
            {
                case SandboxFaultKinds.RateLimit:
                    http.Response.Headers.RetryAfter = ((int)state.Options.ThrottleRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Error(StatusCodes.Status429TooManyRequests, 2001, "ACCESS", "REQUEST", "Too many requests. The request limit has been reached for the resource.");
                case SandboxFaultKinds.ServerError:
                    return Error(StatusCodes.Status500InternalServerError, 25001, "API_INVENTORY", "APPLICATION", "A system error has occurred. Please try again.");
            }

            var result = await next(context);
            if (fault == SandboxFaultKinds.TimeoutAfterCommit)
            {
                await state.Faults.HoldAsync(http.RequestAborted);
            }

            return result;
        });

    private static async Task<IResult> MintTokenAsync(HttpContext http, EbaySandboxState state)
    {
        await state.Faults.DelayAsync(http.RequestAborted);
        var options = state.Options;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        if (http.Request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client", error_description = "client authentication failed" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!http.Request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request", error_description = "request is missing a required parameter or malformed." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var grant = form["grant_type"].ToString();
        string tokenType;
        switch (grant)
        {
            case "refresh_token" when form["refresh_token"] == options.RefreshToken:
                tokenType = "User Access Token";
                break;
            case "refresh_token":
                return Results.Json(new { error = "invalid_grant", error_description = "the provided authorization refresh token is invalid or was issued to another client" }, statusCode: StatusCodes.Status400BadRequest);
            case "client_credentials":
                tokenType = "Application Access Token";
                break;
            default:
                return Results.Json(new { error = "unsupported_grant_type", error_description = "grant type in request is not supported by the authorization server" }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new { access_token = state.MintToken(user: grant == "refresh_token"), expires_in = (int)options.TokenLifetime.TotalSeconds, token_type = tokenType });
    }

    /// <summary>eBay's REST error envelope (longMessage repeats message).</summary>
    internal static IResult Error(int status, int errorId, string domain, string category, string message, params (string Name, string Value)[] parameters) =>
        Error(status, errorId, domain, category, message, message, parameters);

    /// <summary>eBay's REST error envelope with a short message and a long one.</summary>
    internal static IResult Error(int status, int errorId, string domain, string category, string message, string longMessage, params (string Name, string Value)[] parameters) =>
        Results.Json(
            new
            {
                errors = new[]
                {
                    new
                    {
                        errorId,
                        domain,
                        category,
                        message,
                        longMessage,
                        parameters = parameters.Select(p => new { name = p.Name, value = p.Value }).ToArray(),
                    },
                },
            },
            statusCode: status);
}
