using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

public static partial class ShopwareSandbox
{
    private const string JsonApi = "application/vnd.api+json";

    private static void MapSync(RouteGroupBuilder api)
    {
        api.MapPost("/_action/sync", async (HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken);
            var operations = new List<SandboxWriteOperation>();
            foreach (var (key, value) in body ?? [])
            {
                if (value is not JsonObject op || op["entity"]?.ToString() is not { Length: > 0 } entity || op["action"]?.ToString() is not ("upsert" or "delete") || op["payload"] is not JsonArray { Count: > 0 } payload)
                {
                    return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "FRAMEWORK__INVALID_SYNC_OPERATION", "Bad Request",
                        $"Sync operation \"{key}\" needs an entity, action upsert or delete, and a non-empty payload.", $"/{key}"));
                }

                operations.Add(new SandboxWriteOperation(key, entity, op["action"]!.ToString(), payload));
            }

            if (operations.Count == 0)
            {
                return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "FRAMEWORK__INVALID_SYNC_OPERATION", "Bad Request", "The sync request has no operations.", null));
            }

            var (errors, result) = state.Write(request.Path, operations, op => $"/{op.Key}/");
            return errors.Count > 0 ? Errors(StatusCodes.Status400BadRequest, errors) : Results.Json(result);
        });
        api.MapPost("/_action/media/{id}/upload", async (string id, HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var url = (await ReadObjectAsync(request, cancellationToken))?["url"]?.ToString();
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(request.Query["extension"]))
            {
                return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "CONTENT__MEDIA_INVALID_URL", "Bad Request", "Provided URL or extension is invalid.", null));
            }

            state.MediaFiles[id] = url;
            return Results.NoContent();
        });
    }

    private static void MapProducts(RouteGroupBuilder api)
    {
        api.MapGet("/product", (HttpRequest request, ShopwareSandboxState state, int? limit, int? page) =>
        {
            var criteria = new JsonObject { ["limit"] = limit ?? 25, ["page"] = page ?? 1, ["total-count-mode"] = 1 };
            return Answer(request, ShopwareSandboxSearch.Run(state.All("product"), criteria, "product"), "product", page ?? 1, limit ?? 25);
        });
        api.MapGet("/product/{id}", (string id, HttpRequest request, ShopwareSandboxState state) =>
        {
            if (state.Get("product", id) is not { } product)
            {
                return NotFound("product", id);
            }

            return WantsPlainJson(request)
                ? Results.Json(new JsonObject { ["data"] = ShopwareSandboxSearch.Shape(product, null, "product") })
                : Results.Text(new JsonObject { ["data"] = ShopwareSandboxSearch.JsonApi(product, "product", BaseUrl(request)) }.ToJsonString(), JsonApi);
        });
        api.MapPost("/product", async (HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken) ?? [];
            var id = body["id"]?.ToString() ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            if (state.Get("product", id) is not null)
            {
                return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", "Bad Request", $"A product with id {id} already exists.", "/0/id"));
            }

            body["id"] = id;
            var (errors, _) = state.Write(request.Path, [new SandboxWriteOperation("product", "product", "upsert", [body])], _ => "/");
            if (errors.Count > 0)
            {
                return Errors(StatusCodes.Status400BadRequest, errors);
            }

            return Results.Created(new Uri(BaseUrl(request), $"/api/product/{id}"), null);
        });
        api.MapMethods("/product/{id}", [HttpMethods.Patch], async (string id, HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            if (state.Get("product", id) is null)
            {
                return NotFound("product", id);
            }

            var body = await ReadObjectAsync(request, cancellationToken) ?? [];
            body["id"] = id;
            var (errors, _) = state.Write(request.Path, [new SandboxWriteOperation("product", "product", "upsert", [body])], _ => "/");
            return errors.Count > 0 ? Errors(StatusCodes.Status400BadRequest, errors) : Results.NoContent();
        });
        api.MapDelete("/product/{id}", (string id, HttpRequest request, ShopwareSandboxState state) =>
        {
            if (state.Get("product", id) is null)
            {
                return NotFound("product", id);
            }

            state.Write(request.Path, [new SandboxWriteOperation("product", "product", "delete", [new JsonObject { ["id"] = id }])], _ => "/");
            return Results.NoContent();
        });
        api.MapPost("/search/{entity}", async (string entity, HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var criteria = await ReadObjectAsync(request, cancellationToken) ?? [];
            var result = ShopwareSandboxSearch.Run(state.All(entity), criteria, entity);
            return Answer(request, result, entity, criteria["page"]?.GetValue<int>() ?? 1, criteria["limit"]?.GetValue<int>() ?? 500);
        });
    }

    /// <summary>The search result as JSON (<c>total</c>, <c>data</c>) or, by default, JSON:API (<c>data</c>, <c>links</c>, <c>meta</c>).</summary>
    private static IResult Answer(HttpRequest request, JsonObject result, string entity, int page, int limit)
    {
        if (WantsPlainJson(request))
        {
            return Results.Json(result);
        }

        var baseUrl = BaseUrl(request);
        var rows = result["data"]!.AsArray().OfType<JsonObject>().Select(r =>
        {
            r.Remove("apiAlias");
            return (JsonNode)ShopwareSandboxSearch.JsonApi(r, entity, baseUrl);
        }).ToList();
        var total = result["total"]!.GetValue<int>();
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)limit));
        var links = new JsonObject
        {
            ["first"] = new Uri(baseUrl, $"/api/{entity}?limit={limit}&page=1").ToString(),
            ["last"] = new Uri(baseUrl, $"/api/{entity}?limit={limit}&page={last}").ToString(),
            ["self"] = new Uri(baseUrl, $"/api/{entity}?limit={limit}").ToString(),
        };
        if (page < last)
        {
            links["next"] = new Uri(baseUrl, $"/api/{entity}?limit={limit}&page={page + 1}").ToString();
        }

        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. rows]), ["included"] = new JsonArray(), ["links"] = links,
            ["meta"] = new JsonObject { ["fetchCount"] = rows.Count, ["total"] = total }, ["aggregations"] = new JsonArray(),
        };
        return Results.Text(body.ToJsonString(), JsonApi);
    }

    private static Uri BaseUrl(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");
}
