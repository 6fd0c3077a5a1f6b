using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Listings;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>Body of <c>POST /products/{sku}/adjustments</c>. Without an event id one is generated (the call is then not idempotent).</summary>
internal sealed record AdjustmentRequest(int Delta, LedgerReason Reason = LedgerReason.Adjustment, string? EventId = null, Platform? Source = null, string? OrderId = null, string? Note = null);

internal static partial class CatalogAdminEndpoints
{
    private static void MapInventory(RouteGroupBuilder api)
    {
        api.MapGet("/products/{sku}/ledger", async (string sku, ProductCatalog products, InventoryLedger ledger, CancellationToken ct) =>
        {
            _ = await products.GetAsync(sku, ct) ?? throw NotFound(sku);
            return Json(await ledger.ListAsync(sku, ct));
        });

        api.MapPost("/products/{sku}/adjustments", async (string sku, HttpContext http, InventoryLedger ledger, CancellationToken ct) =>
        {
            var body = await ReadAsync<AdjustmentRequest>(http.Request, ct);
            var actor = Actor(http);
            var result = await ledger.AppendAsync(new InventoryChange
            {
                Sku = sku,
                Delta = body.Delta,
                Reason = body.Reason,
                EventId = body.EventId ?? "admin:" + Guid.NewGuid().ToString("N"),
                Source = body.Source,
                OrderId = body.OrderId,
                Note = body.Note,
                Actor = actor.Name,
                CorrelationId = actor.CorrelationId,
            }, ct);
            return Json(result, result.Outcome == LedgerOutcome.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        });

        api.MapGet("/oversells", async (HttpRequest request, InventoryLedger ledger, CancellationToken ct) =>
        {
            var records = new List<OversellRecord>();
            await foreach (var record in ledger.ListOversellsAsync(request.Query["sku"].FirstOrDefault(), ct))
            {
                records.Add(record);
            }

            return Json(records.OrderByDescending(r => r.At));
        });

        api.MapGet("/products/{sku}/listings", async (string sku, ListingStore listings, CancellationToken ct) => Json(await listings.ListAsync(sku, ct)));

        api.MapGet("/listings", async (HttpRequest request, ListingStore listings, CancellationToken ct) =>
        {
            var platform = Platform(request.Query["platform"], "platform");
            var status = Enum<ListingStatus>(request.Query["status"], "status");
            var flagged = Bool(request.Query["flagged"], "flagged");
            var limit = Int(request.Query["limit"], "limit", 500);
            var found = new List<Listing>();
            await foreach (var listing in listings.QueryAsync(platform, status, ct))
            {
                if (flagged is { } wanted && wanted != (listing.Flag is not null))
                {
                    continue;
                }

                found.Add(listing);
                if (found.Count == limit)
                {
                    break;
                }
            }

            return Json(found);
        });

        api.MapPost("/products/{sku}/listings/{platform}/attempts", async (string sku, string platform, HttpContext http, ListingStore listings, CancellationToken ct) =>
        {
            var report = await ReadAsync<ListingAttemptReport>(http.Request, ct);
            var target = Platform(platform, "platform")!.Value;
            return Json(await listings.RecordAttemptAsync(report with { Sku = sku, Platform = target }, Actor(http), ct));
        });
    }
}
