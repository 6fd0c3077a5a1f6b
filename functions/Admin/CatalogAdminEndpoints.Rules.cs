using Marketplace.Orchestrations.Sync.QuantityRules;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Per-platform quantity rules under <c>/rules/quantity</c>: <c>GET</c> lists the rules set, <c>GET /{platform}</c> one
/// rule (the default shows all stock), <c>PUT /{platform}</c> sets it (body <c>{percent, maximum, buffer, oneOffOnly}</c>)
/// and <c>DELETE /{platform}</c> resets it. A change answers 202 with the id of the workflow that re-pushes the listings
/// whose shown quantity changes (<c>repushInstanceId</c>; null when the rule is unchanged or no workflow client runs here).
/// </summary>
internal static partial class CatalogAdminEndpoints
{
    private static void MapRules(RouteGroupBuilder api)
    {
        api.MapGet("/rules/quantity", async (QuantityRuleStore rules, CancellationToken ct) =>
            Json((await rules.ListAsync(ct)).ToDictionary(r => r.Key.ToWire(), r => r.Value)));

        api.MapGet("/rules/quantity/{platform}", async (string platform, QuantityRuleStore rules, CancellationToken ct) =>
            Json(await rules.GetAsync(RoutePlatform(platform), ct)));

        api.MapPut("/rules/quantity/{platform}", async (string platform, HttpContext http, CancellationToken ct) =>
            await ChangeRuleAsync(http, RoutePlatform(platform), await ReadAsync<QuantityRule>(http.Request, ct), ct));

        api.MapDelete("/rules/quantity/{platform}", async (string platform, HttpContext http, CancellationToken ct) =>
            await ChangeRuleAsync(http, RoutePlatform(platform), QuantityRule.None, ct));
    }

    private static async Task<IResult> ChangeRuleAsync(HttpContext http, Platform platform, QuantityRule rule, CancellationToken ct)
    {
        if (rule.Validate().FirstOrDefault() is { Key: not null } error)
        {
            throw CatalogValidationException.For(error.Key, error.Value);
        }

        string? instanceId = null;
        if (http.RequestServices.GetService<QuantityRuleStarter>() is { } starter)
        {
            instanceId = await starter.ChangeAsync(platform, rule, ct);
        }
        else
        {
            await http.RequestServices.GetRequiredService<QuantityRuleStore>().SetAsync(platform, rule, ct);
        }

        return Json(new { platform = platform.ToWire(), rule, repushInstanceId = instanceId }, instanceId is null ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static Platform RoutePlatform(string value) => Platform(value, "platform")!.Value;
}
