using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    private static void MapFulfillment(RouteGroupBuilder api)
    {
        api.MapGet("/order", (string? filter, int? limit, int? offset, HttpRequest request, EbaySandboxState state) =>
        {
            var since = DateTimeOffset.MinValue;
            if (filter is not null)
            {
                var match = LastModifiedFilter().Match(filter);
                if (!match.Success || !DateTimeOffset.TryParse(match.Groups["from"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
                {
                    return Error(400, 30700, "API_FULFILLMENT", "REQUEST", "Invalid filter value", ("filter", filter));
                }
            }

            var take = Math.Clamp(limit ?? 50, 1, 200);
            var skip = Math.Max(0, offset ?? 0);
            var all = state.OrdersModifiedSince(since);
            var page = all.Skip(skip).Take(take).Select(o => (JsonNode)o).ToArray();
            var result = new JsonObject
            {
                ["href"] = request.Path + request.QueryString,
                ["total"] = all.Count,
                ["limit"] = take,
                ["offset"] = skip,
                ["orders"] = new JsonArray(page),
            };
            if (skip + take < all.Count)
            {
                result["next"] = $"{request.Path}?filter={Uri.EscapeDataString(filter ?? string.Empty)}&limit={take}&offset={skip + take}";
            }

            return Results.Json(result);
        });

        api.MapGet("/order/{orderId}", (string orderId, EbaySandboxState state) =>
            state.GetOrder(orderId) is { } order ? Results.Json(order) : Error(404, 32100, "API_FULFILLMENT", "REQUEST", "Invalid Order Id", ("orderId", orderId)));
    }

    private static void MapNotification(RouteGroupBuilder api) =>
        api.MapGet("/public_key/{publicKeyId}", (string publicKeyId, EbaySandboxState state) =>
            state.GetPublicKey(publicKeyId) is { } key ? Results.Json(key) : Error(404, 195002, "API_NOTIFICATION", "REQUEST", "The specified public key id was not found.", ("public_key_id", publicKeyId)));

    /// <summary>
    /// Sandbox-only controls for the local demo: simulate a checkout; the signed <c>ORDER_CONFIRMATION</c> is pushed
    /// to <see cref="EbaySandboxOptions.NotificationDestination"/> when configured, and returned either way.
    /// </summary>
    private static void MapControl(RouteGroupBuilder control) =>
        control.MapPost("/orders", async (SimulatedOrder order, EbaySandboxState state, CancellationToken cancellationToken) =>
        {
            var created = state.CreateOrder(order.Lines.Select(l => (l.Sku, l.Quantity, l.Price)), order.Currency ?? "EUR");
            var (body, signature) = state.CreateOrderConfirmation(created["orderId"]!.GetValue<string>());
            int? delivered = null;
            if (state.Options.NotificationDestination is { } destination)
            {
                using var push = new HttpRequestMessage(HttpMethod.Post, destination) { Content = new ByteArrayContent(body) };
                push.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                push.Headers.TryAddWithoutValidation("X-EBAY-SIGNATURE", signature);
                using var answer = await PushClient.SendAsync(push, cancellationToken);
                delivered = (int)answer.StatusCode;
            }

            return Results.Json(new { order = created, notification = new { body = System.Text.Encoding.UTF8.GetString(body), signature, delivered } });
        });

    private static readonly HttpClient PushClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    [GeneratedRegex(@"lastmodifieddate:\[(?<from>[^\].]+(\.\d+)?Z?)\.\.(?<to>[^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex LastModifiedFilter();

    private sealed record SimulatedOrder(IReadOnlyList<SimulatedLine> Lines, string? Currency);

    private sealed record SimulatedLine(string Sku, int Quantity, decimal Price);
}
