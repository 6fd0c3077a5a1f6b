using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// <c>POST /admin/api/{version}/graphql.json</c>: token check, injected faults, cost and leaky bucket (real
/// THROTTLED shape), dispatch by root field, <c>extensions.cost</c> on every answer.
/// </summary>
internal static class ShopifyGraphQlEndpoint
{
    public static async Task<IResult> HandleAsync(string version, HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
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
        var document = body?["query"]?.GetValue<string>() ?? string.Empty;
        var variables = body?["variables"] as JsonObject ?? [];
        var operation = ShopifyOperation.Parse(document);
        if (operation is null)
        {
            return Results.Json(new JsonObject { ["errors"] = Gid.Array([Error("syntax error, unexpected end of file", "PARSE_ERROR")]) });
        }

        var requested = operation.RequestedCost(variables, sandbox.Options.MutationCost);
        var bucket = shop.Bucket;
        if (!bucket.TryTake(requested, out var left))
        {
            Interlocked.Increment(ref shop.ThrottledCount);
            return Json(new JsonObject
            {
                ["errors"] = Gid.Array([new JsonObject { ["message"] = "Throttled", ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" } }]),
                ["extensions"] = Cost(requested, null, bucket, left),
            });
        }

        var baseUri = new Uri($"{request.Scheme}://{request.Host}/");
        var context = new ShopifyRequestContext(sandbox, shop, variables, operation, baseUri, version);
        JsonObject response;
        try
        {
            var data = ShopifyDispatcher.Execute(context);
            var actual = operation.ActualCost(variables, sandbox.Options.MutationCost, context.Returned);
            var available = bucket.Refund(Math.Max(0, requested - actual));
            response = new JsonObject { ["data"] = new JsonObject { [operation.RootField] = data }, ["extensions"] = Cost(requested, actual, bucket, available) };
        }
        catch (SandboxGraphQlException ex)
        {
            var available = bucket.Refund(requested - 1);
            response = new JsonObject { ["errors"] = Gid.Array([Error(ex.Message, ex.Code)]), ["extensions"] = Cost(requested, 1, bucket, available) };
        }

        if (Hit(shop, faults.LostResponseRate))
        {
            return Results.Json(new { errors = "Service Unavailable" }, statusCode: 503);
        }

        return Json(response);
    }

    private static bool Hit(SandboxShop shop, double rate) => rate > 0 && shop.Roll() < rate;

    private static IResult Json(JsonObject node) => Results.Text(node.ToJsonString(), "application/json");

    private static JsonObject Error(string message, string code) =>
        new() { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } };

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
