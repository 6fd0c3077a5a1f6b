using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    /// <summary>
    /// Developer Analytics API <c>getUserRateLimits</c> (<c>GET /developer/analytics/v1_beta/user_rate_limit/</c>, user
    /// token): the seller's call quota per API resource. The sandbox keeps one daily quota (<see cref="EbaySandboxOptions.DailyCallLimit"/>)
    /// for the Sell APIs it serves and reports it for each of them; no quota configured, no entries. The call itself is not counted.
    /// </summary>
    private static void MapAnalytics(WebApplication app) =>
        app.MapGet("/developer/analytics/v1_beta/user_rate_limit/", (HttpContext http, EbaySandboxState state, [FromQuery(Name = "api_context")] string? apiContext, [FromQuery(Name = "api_name")] string? apiName) =>
        {
            var authorization = http.Request.Headers.Authorization.ToString();
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : string.Empty;
            if (!state.IsValidToken(token))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Error(StatusCodes.Status401Unauthorized, 1001, "OAuth", "REQUEST", "Invalid access token", "Invalid access token. Check the value of the Authorization HTTP request header.");
            }

            if (!state.IsUserToken(token))
            {
                return Error(StatusCodes.Status403Forbidden, 1100, "ACCESS", "REQUEST", "Access denied", "Insufficient permissions to fulfill the request.");
            }

            var (count, reset) = state.DailyCalls();
            var limit = state.Options.DailyCallLimit ?? 0;
            var apis = new[] { ("sell", "Inventory", "sell.inventory"), ("sell", "Fulfillment", "sell.fulfillment") }
                .Where(a => state.Options.DailyCallLimit is not null
                    && (apiContext is null || string.Equals(a.Item1, apiContext, StringComparison.OrdinalIgnoreCase))
                    && (apiName is null || string.Equals(a.Item2, apiName, StringComparison.OrdinalIgnoreCase)))
                .Select(a => new
                {
                    apiContext = a.Item1,
                    apiName = a.Item2,
                    apiVersion = "v1",
                    resources = new[]
                    {
                        new { name = a.Item3, rates = new[] { new { count, limit, remaining = Math.Max(0, limit - count), reset, timeWindow = 86_400 } } },
                    },
                })
                .ToArray();
            return Results.Json(new { rateLimits = apis });
        });
}
