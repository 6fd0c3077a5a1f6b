using Marketplace.Orchestrations.Sync.ShippingProfiles;
using Marketplace.Shared.Catalog;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Shipping-profile drift under <c>/shipping-profiles</c>: <c>GET /drift?platform=&amp;limit=</c> lists live listings whose
/// profile on the platform differs from the product's configured one; <c>POST /fix?platform=&amp;limit=</c> re-pushes them
/// and answers each listing's outcome. Both read the platform within the request, listing by listing, so they suit a small
/// catalog; <c>POST /audit?platform=&amp;fix=</c> audits (and fixes) every live listing as a durable run and answers 202 with
/// its status URL (the report is the instance's output). Needs the sync services (404 problem details without them).
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

        api.MapPost("/shipping-profiles/audit", async (HttpContext http, CancellationToken ct) =>
        {
            var (_, platform, _) = ShippingProfileRequest(http);
            var fix = Bool(http.Request.Query["fix"], "fix") ?? false;
            var starter = http.RequestServices.GetRequiredService<ShippingProfileAuditStarter>();
            if (!starter.Platforms.Contains(platform))
            {
                throw Shared.Catalog.CatalogValidationException.For("platform",
                    $"'{platform.ToWire()}' has no shipping profiles to audit here (audited: {string.Join(", ", starter.Platforms.Select(p => p.ToWire()))}).");
            }

            var id = await starter.StartAsync(platform, fix, ct);
            return Json(new { id, platform = platform.ToWire(), fix, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" }, StatusCodes.Status202Accepted);
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
