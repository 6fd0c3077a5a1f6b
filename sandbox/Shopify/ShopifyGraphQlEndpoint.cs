using System.Text.Json.Nodes;
using Marketplace.Sandbox.Shopify.GraphQl;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// <c>POST /admin/api/{version}/graphql.json</c>: token check, injected faults, validation against Shopify's schema,
/// cost (MAX_COST_EXCEEDED above 1,000) and leaky bucket (real THROTTLED shape), execution, <c>extensions.cost</c>
/// and <c>X-Request-Id</c> on every answer.
/// </summary>
internal static class ShopifyGraphQlEndpoint
{
    public static async Task<IResult> HandleAsync(string version, HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Json(new { errors = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, statusCode: 401);
        }

        Interlocked.Increment(ref shop.RequestCount);
        var faults = shop.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, cancellationToken);
        }

        if (Hit(shop, faults.TooManyRequestsRate))
        {
            request.HttpContext.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { errors = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, statusCode: 429);
        }

        if (Hit(shop, faults.ServerErrorRate))
        {
            return Results.Json(new { errors = "Internal Server Error" }, statusCode: Random.Shared.Next(2) == 0 ? 502 : 503);
        }

        if (Hit(shop, faults.TimeoutRate))
        {
            await Task.Delay(faults.TimeoutDelay, cancellationToken);
            return Results.StatusCode(504);
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        var query = body?["query"]?.GetValue<string>() ?? string.Empty;
        var operationName = body?["operationName"]?.GetValue<string>();
        var inputs = ShopifyGraphQlExecutor.ReadVariables(body?["variables"] as JsonObject);
        var (document, operation, variables, errors) = await ShopifyAdminSchema.PrepareAsync(query, inputs, operationName);
        if (document is null || operation is null || variables is null)
        {
            return Json(new JsonObject { ["errors"] = errors });
        }

        var cost = new SandboxQueryCost(ShopifyAdminSchema.Instance, document, variables, sandbox.Options.MutationCost);
        var requested = cost.Requested(operation);
        var bucket = shop.Bucket;
        if (cost.Unsized.Count > 0 || requested > SandboxQueryCost.MaxCost)
        {
            return Json(new JsonObject { ["errors"] = Gid.Array(cost.Unsized.Count > 0 ? cost.Unsized.Select(u => (JsonNode?)Unsized(document, u.Location)) : [MaxCostExceeded(requested)]) });
        }

        if (!bucket.TryTake(requested, out var left))
        {
            Interlocked.Increment(ref shop.ThrottledCount);
            return Json(new JsonObject
            {
                ["errors"] = Gid.Array([new JsonObject { ["message"] = "Throttled", ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" } }]),
                ["extensions"] = Cost(requested, null, bucket, left),
            });
        }

        var context = new ShopifyGraphQlRequest(sandbox, shop, new Uri($"{request.Scheme}://{request.Host}/"), version);
        var response = await ShopifyGraphQlExecutor.ExecuteAsync(context, document, query, inputs, operationName);
        var actual = cost.Actual(operation, response["data"] as JsonObject);
        response["extensions"] = Cost(requested, actual, bucket, bucket.Refund(Math.Max(0, requested - actual)));

        if (Hit(shop, faults.LostResponseRate))
        {
            return Results.Json(new { errors = "Service Unavailable" }, statusCode: 503);
        }

        return Json(response);
    }

    private static bool Hit(SandboxShop shop, double rate) => rate > 0 && shop.Roll() < rate;

    private static IResult Json(JsonObject node) => Results.Text(node.ToJsonString(), "application/json");

    private static JsonObject Unsized(GraphQLParser.AST.GraphQLDocument document, GraphQLParser.AST.GraphQLLocation at)
    {
        var location = GraphQLParser.Location.FromLinearPosition(document.Source, at.Start);
        return new JsonObject
        {
            ["message"] = "you must provide one of first or last",
            ["locations"] = Gid.Array([new JsonObject { ["line"] = location.Line, ["column"] = location.Column }]),
        };
    }

    // Shopify's answer to a single query over the limit, whatever the bucket holds.
    private static JsonObject MaxCostExceeded(int cost) => ShopifyGraphQlErrors.Simple(
        $"Query cost is {cost}, which exceeds the single query max cost limit ({SandboxQueryCost.MaxCost}).\n\n"
        + "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\n"
        + "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
        + "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
        "MAX_COST_EXCEEDED",
        new JsonObject { ["cost"] = cost, ["maxCost"] = SandboxQueryCost.MaxCost });

    private static JsonObject Cost(double requested, double? actual, SandboxLeakyBucket bucket, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = bucket.Size,
                ["currentlyAvailable"] = Math.Floor(available),
                ["restoreRate"] = bucket.RestoreRate,
            },
        },
    };
}
