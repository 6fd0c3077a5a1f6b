using Marketplace.Orchestrations.Sync.ShippingProfiles;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Shipping-profile drift under <c>/shipping-profiles</c>: <c>GET /drift?platform=&amp;limit=</c> lists live listings whose
/// profile on the platform differs from the product's configured one; <c>POST /fix?platform=&amp;limit=</c> re-pushes them
/// and answers each listing's outcome. Needs the sync services (404 problem details without them).
/// </summary>
internal static partial class CatalogAdminEndpoints
{
    private static void MapShippingProfiles(RouteGroupBuilder api)
    {
        api.MapGet("/shipping-profiles/drift", async (HttpContext http, CancellationToken ct) =>
        {
            var (audit, platform, limit) = ShippingProfileRequest(http);
            return Json(await audit.FindDriftAsync(platform, limit, ct));
        });

        api.MapPost("/shipping-profiles/fix", async (HttpContext http, CancellationToken ct) =>
        {
            var (audit, platform, limit) = ShippingProfileRequest(http);
            return Json(await audit.FixAsync(platform, limit, Actor(http).CorrelationId, ct));
        });
    }

    private static (ShippingProfileAudit Audit, Shared.Catalog.Platform Platform, int Limit) ShippingProfileRequest(HttpContext http)
    {
        var query = http.Request.Query;
        var platform = Platform(query["platform"], "platform")
            ?? throw Shared.Catalog.CatalogValidationException.For("platform", "Name the platform to audit, e.g. ?platform=ebay.");
        var audit = http.RequestServices.GetService<ShippingProfileAudit>()
            ?? throw new Shared.Catalog.CatalogNotFoundException("The sync services (connectors) do not run in this app.", "platform");
        return (audit, platform, Math.Clamp(Int(query["limit"], "limit", 100), 1, 1000));
    }
}
