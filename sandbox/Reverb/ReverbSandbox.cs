using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;

namespace Marketplace.Sandbox.Reverb;

/// <summary>
/// Reverb API v3 stand-in under <c>/api</c>: bearer token (401), <c>Accept-Version: 3.0</c>, HAL+JSON answers,
/// the shop's listings (<c>/api/my/listings</c>: by SKU and state, default live, paged along HAL <c>_links.next</c>), draft create then publish, field updates, end with reason,
/// 412 validation errors by field, selling orders by <c>updated_start_date</c>, 429 with Retry-After, latency and faults;
/// each token is a shop of its own (<see cref="ReverbSandboxShops"/>).
/// </summary>
public static partial class ReverbSandbox
{
    private const string HalJson = "application/hal+json";

    /// <summary>Registers the Reverb sandbox state; options from <c>Sandbox:Reverb</c>.</summary>
    public static IServiceCollection AddReverbSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReverbSandboxOptions();
        configuration.GetSection("Sandbox:Reverb").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ReverbSandboxState(sp.GetRequiredService<ReverbSandboxOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ReverbSandboxShops(sp.GetRequiredService<ReverbSandboxState>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>Maps Reverb's documented paths.</summary>
    public static WebApplication MapReverbSandbox(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = http.RequestServices.GetRequiredService<ReverbSandboxState>();
            if (http.RequestServices.GetRequiredService<ReverbSandboxShops>().ForAuthorization(http.Request.Headers.Authorization.ToString()) is not { } shop)
            {
                return Message(StatusCodes.Status401Unauthorized, "You must log in to access this endpoint.");
            }

            http.Items[ReverbSandboxShops.ItemKey] = shop;

            if (http.Request.Headers["Accept-Version"].ToString() != "3.0")
            {
                return Message(StatusCodes.Status400BadRequest, "Unsupported API version: send Accept-Version: 3.0.");
            }

            await state.Faults.DelayAsync(http.RequestAborted);
            var fault = state.Faults.Roll(isWrite: !HttpMethods.IsGet(http.Request.Method));
            switch (fault)
            {
                case SandboxFaultKinds.RateLimit:
                    http.Response.Headers.RetryAfter = ((int)state.Options.RateLimitRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    return Message(StatusCodes.Status429TooManyRequests, "Rate limit exceeded. Please slow down.");
                case SandboxFaultKinds.ServerError:
                    return Message(StatusCodes.Status503ServiceUnavailable, "Reverb is temporarily unavailable.");
            }

            var result = await next(context);
            if (fault == SandboxFaultKinds.TimeoutAfterCommit)
            {
                await state.Faults.HoldAsync(http.RequestAborted);
            }

            return result;
        });
        MapListings(api);
        MapOrders(api);
        app.MapPost("/_sandbox/reverb/orders", async (SimulatedOrder order, ReverbSandboxShops shops, CancellationToken cancellationToken) =>
        {
            // Sandbox-only: simulate a sale in a shop (default: the default shop) and, when configured, deliver the order webhook like Reverb (no signature).
            var state = order.Shop is { } name ? shops[name] : shops.Default;
            var created = state.CreateOrder(order.Sku, order.Quantity);
            if (state.Options.WebhookUrl is { } url)
            {
                using var content = new StringContent(created.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
                using var answer = await PushClient.PostAsync(url, content, cancellationToken);
            }

            return Hal(created);
        });
        return app;
    }

    internal static IResult Hal(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), HalJson, System.Text.Encoding.UTF8, status);

    internal static IResult Message(int status, string message) => Hal(new JsonObject { ["message"] = message }, status);

    /// <summary>Reverb's 412 shape: a message and the fields at fault.</summary>
    internal static IResult Invalid(params (string Field, string Problem)[] errors)
    {
        var fields = new JsonObject();
        foreach (var (field, problem) in errors)
        {
            fields[field] = new JsonArray(problem);
        }

        return Hal(new JsonObject { ["message"] = "Validation failed: " + string.Join(", ", errors.Select(e => $"{e.Field} {e.Problem}")), ["errors"] = fields }, StatusCodes.Status412PreconditionFailed);
    }

    private static readonly HttpClient PushClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    private sealed record SimulatedOrder(string Sku, int Quantity, string? Shop = null);
}
