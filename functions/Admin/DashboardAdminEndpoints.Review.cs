using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Photos;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

internal static partial class DashboardAdminEndpoints
{
    private static void MapReviewViews(RouteGroupBuilder api)
    {
        // Photo batches newest first with their stage, decision and SKU; the details (OCR text, candidates) come from /api/photos/{batchId}.
        api.MapGet("/photos", async (HttpRequest request, CancellationToken ct) =>
        {
            var stage = request.Query["stage"].FirstOrDefault() is { Length: > 0 } s ? s.ToUpperInvariant() : null;
            var limit = Math.Clamp(Int(request.Query["limit"], "limit", 100), 1, 500);
            var found = new List<PhotoBatchRecord>();
            if (request.HttpContext.RequestServices.GetService<PhotoBatchStore>() is { } store)
            {
                await foreach (var batch in store.ListAsync(ct))
                {
                    if (stage is null || batch.Stage == stage)
                    {
                        found.Add(batch);
                    }
                }
            }

            return Json(new
            {
                total = found.Count,
                items = found.OrderByDescending(b => b.UpdatedAt).Take(limit).Select(b => new
                {
                    batchId = b.BatchId, stage = b.Stage, decision = b.Decision, sku = b.Draft?.Sku, images = b.Images.Count, error = b.Error, updatedAt = b.UpdatedAt,
                }),
            });
        });
    }

    private static Task<int> OpenUnmatchedSalesAsync(UnmatchedSaleStore store, CancellationToken ct) =>
        CountAsync(store.ListAsync(UnmatchedSaleStatus.Open, cancellationToken: ct));

    /// <summary>Batches waiting for an operator: UNMATCHED without an error (those are the ones the resolve route takes).</summary>
    private static async Task<int> UnmatchedPhotosAsync(PhotoBatchStore? store, CancellationToken ct)
    {
        var count = 0;
        if (store is not null)
        {
            await foreach (var batch in store.ListAsync(ct))
            {
                count += batch.Stage == PhotoDecision.Unmatched && batch.Error is null ? 1 : 0;
            }
        }

        return count;
    }
}
