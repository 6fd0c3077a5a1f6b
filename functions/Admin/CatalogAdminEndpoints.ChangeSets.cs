using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

/// <summary>Body of <c>POST /products/{sku}/changesets</c>: field values in the product's JSON shape.</summary>
internal sealed record StageChangeSetRequest(JsonObject Changes, string Reason, Platform? Source = null, string? BatchId = null);

/// <summary>Body of approve/reject: the fields to decide (all pending fields when absent).</summary>
internal sealed record DecideRequest(IReadOnlyList<string>? Fields = null);

/// <summary>Body of the bulk operations.</summary>
internal sealed record BulkRequest(IReadOnlyList<ChangeSetRef> Items);

internal static partial class CatalogAdminEndpoints
{
    private static void MapChangeSets(RouteGroupBuilder api)
    {
        api.MapGet("/changesets", async (HttpRequest request, ChangeSetService changeSets, CancellationToken ct) =>
        {
            var status = Enum<ChangeSetStatus>(request.Query["status"], "status");
            var found = new List<ChangeSet>();
            await foreach (var changeSet in changeSets.ListAsync(request.Query["sku"].FirstOrDefault(), status, ct))
            {
                found.Add(changeSet);
            }

            return Json(found.OrderByDescending(c => c.CreatedAt));
        });

        api.MapPost("/products/{sku}/changesets", async (string sku, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
        {
            var body = await ReadAsync<StageChangeSetRequest>(http.Request, ct);
            if (body.Changes is null || body.Changes.Count == 0)
            {
                throw CatalogValidationException.For("changes", "Name at least one field and its new value.");
            }

            var result = await changeSets.StageAsync(new StageRequest(sku, body.Changes, body.Source, body.Reason, body.BatchId), Actor(http), ct);
            return Json(result, StatusCodes.Status201Created);
        });

        api.MapGet("/products/{sku}/changesets/{id}", async (string sku, string id, ChangeSetService changeSets, CancellationToken ct) =>
            await changeSets.GetAsync(sku, id, ct) is { } changeSet ? Json(changeSet) : throw new CatalogNotFoundException($"Product '{sku}' has no change set '{id}'.", "id"));

        api.MapPost("/products/{sku}/changesets/{id}/approve", (string sku, string id, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
            DecideAsync(sku, id, true, http, changeSets, ct));
        api.MapPost("/products/{sku}/changesets/{id}/reject", (string sku, string id, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
            DecideAsync(sku, id, false, http, changeSets, ct));
        api.MapPost("/products/{sku}/changesets/{id}/apply", async (string sku, string id, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
            Json(await changeSets.ApplyAsync(sku, id, Actor(http), ct)));
        api.MapPost("/products/{sku}/changesets/{id}/rollback", async (string sku, string id, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
            Json(await changeSets.RollbackAsync(sku, id, Actor(http), ct)));

        api.MapPost("/changesets/bulk/{action}", async (string action, HttpContext http, ChangeSetService changeSets, CancellationToken ct) =>
        {
            var body = await ReadAsync<BulkRequest>(http.Request, ct);
            if (body.Items is null || body.Items.Count == 0)
            {
                throw CatalogValidationException.For("items", "List the change sets as [{\"sku\":..., \"id\":...}].");
            }

            var actor = Actor(http);
            var results = action switch
            {
                "approve" => await changeSets.DecideManyAsync(body.Items, true, actor, ct),
                "reject" => await changeSets.DecideManyAsync(body.Items, false, actor, ct),
                "apply" => await changeSets.ApplyManyAsync(body.Items, actor, ct),
                "rollback" => await changeSets.RollbackManyAsync(body.Items, actor, ct),
                _ => throw CatalogValidationException.For("action", $"'{action}' is not one of approve, reject, apply, rollback."),
            };
            return Json(results);
        });
    }

    private static async Task<IResult> DecideAsync(string sku, string id, bool approve, HttpContext http, ChangeSetService changeSets, CancellationToken ct)
    {
        var fields = http.Request.ContentLength is > 0 ? (await ReadAsync<DecideRequest>(http.Request, ct)).Fields : null;
        return Json(await changeSets.DecideAsync(sku, id, approve, Actor(http), fields, ct));
    }
}
