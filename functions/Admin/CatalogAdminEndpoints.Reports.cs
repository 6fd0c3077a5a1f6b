using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Stats;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

internal static partial class CatalogAdminEndpoints
{
    private static void MapAuditAndReports(RouteGroupBuilder api)
    {
        // A JSON array, newest first; when more match, the X-Next-Cursor header holds the ?cursor= of the next page.
        api.MapGet("/audit", async (HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            var query = new AuditQuery(
                q["sku"].FirstOrDefault(),
                Platform(q["platform"], "platform"),
                Time(q["from"], "from"),
                Time(q["to"], "to"),
                Enum<AuditOutcome>(q["outcome"], "outcome"),
                q["action"].FirstOrDefault(),
                Int(q["limit"], "limit", 100),
                q["cursor"].FirstOrDefault());
            var page = await audit.QueryPageAsync(query, ct);
            if (page.NextCursor is not null)
            {
                http.Response.Headers[NextCursorHeader] = page.NextCursor;
            }

            return Json(page.Items);
        });

        api.MapGet("/reports/where-sold", async (HttpRequest request, InventoryLedger ledger, ListingStatsStore statsStore, CancellationToken ct) =>
        {
            var q = request.Query;
            var rows = await ledger.WhereSoldAsync(q["sku"].FirstOrDefault(), Time(q["from"], "from"), Time(q["to"], "to"), ct);
            // Views and watches of the sold SKUs' listings (the last pulled platform stats) beside their sales.
            var skus = rows.Select(r => r.Sku).ToHashSet(StringComparer.Ordinal);
            var stats = new List<ListingStats>();
            await foreach (var row in statsStore.ListAsync(q["sku"].FirstOrDefault(), ct))
            {
                if (skus.Contains(row.Sku))
                {
                    stats.Add(row);
                }
            }

            return Json(new
            {
                rows,
                stats,
                byPlatform = rows.GroupBy(r => r.Platform).Select(g => new
                {
                    platform = g.Key,
                    unitsSold = g.Sum(r => r.UnitsSold),
                    orders = g.Sum(r => r.Orders),
                    unitsReturned = g.Sum(r => r.UnitsReturned),
                    oversoldUnits = g.Sum(r => r.OversoldUnits),
                    views = stats.Where(s => s.Platform == g.Key).Sum(s => s.Views ?? 0),
                    watches = stats.Where(s => s.Platform == g.Key).Sum(s => s.Watches ?? 0),
                }),
            });
        });
    }
}
