using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

internal static partial class DashboardAdminEndpoints
{
    private static void MapCatalogViews(RouteGroupBuilder api)
    {
        // Change sets newest first, each field with its owner under the ownership rules (who wins it: CATALOG, PLATFORM or SHARED).
        api.MapGet("/changesets", async (HttpRequest request, ChangeSetService changeSets, CatalogOptions options, CancellationToken ct) =>
        {
            var q = request.Query;
            var status = Enum<ChangeSetStatus>(q["status"], "status");
            var source = Platform(q["source"], "source");
            var sku = q["sku"].FirstOrDefault() is { Length: > 0 } s ? s : null;
            var limit = Math.Clamp(Int(q["limit"], "limit", 200), 1, 1000);
            var found = new List<ChangeSet>();
            await foreach (var changeSet in changeSets.ListAsync(sku, status, ct))
            {
                if (source is null || changeSet.Source == source)
                {
                    found.Add(changeSet);
                }
            }

            var rules = options.ChangeSetRules;
            return Json(new
            {
                total = found.Count,
                items = found.OrderByDescending(c => c.CreatedAt).Take(limit).Select(c => new
                {
                    changeSet = c,
                    owners = c.Changes.ToDictionary(f => f.Field, f => rules.OwnerOf(f.Field, c.Source)),
                }),
            });
        });

        // A page of products, each with its listing on every platform (status, link, last error, attempts).
        api.MapGet("/products", async (HttpRequest request, ProductCatalog products, ListingStore listings, CancellationToken ct) =>
        {
            var q = request.Query;
            var page = await products.SearchAsync(new ProductQuery(
                q["q"].FirstOrDefault() is { Length: > 0 } text ? text : null,
                Enum<ProductStatus>(q["status"], "status"),
                Cursor: q["cursor"].FirstOrDefault() is { Length: > 0 } cursor ? cursor : null,
                PageSize: Math.Clamp(Int(q["pageSize"], "pageSize", 25), 1, 100)), ct);
            var withListings = await Task.WhenAll(page.Items.Select(async p => new { product = p, listings = await listings.ListAsync(p.Sku, ct) }));
            return Json(new { items = withListings, nextCursor = page.NextCursor });
        });

        // The sales feed: the latest sale entries of the ledger across products (from the audit trail's time index), newest first.
        api.MapGet("/sales", async (HttpRequest request, AuditLog audit, CancellationToken ct) =>
        {
            var q = request.Query;
            var query = new AuditQuery(Platform: Platform(q["platform"], "platform"), Action: "ledger.sale",
                Limit: Math.Clamp(Int(q["limit"], "limit", 50), 1, 500));
            var page = await audit.QueryPageAsync(query, ct);
            return Json(page.Items.Select(r => new { at = r.At, sku = r.Sku, platform = r.Platform, outcome = r.Outcome, detail = r.Detail, actor = r.Actor }));
        });
    }
}
