using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Reverb;

public static partial class ReverbSandbox
{
    private static void MapOrders(RouteGroupBuilder api)
    {
        api.MapGet("/my/orders/selling/all", (string? updated_start_date, int? per_page, int? page, HttpRequest request, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            var since = DateTimeOffset.MinValue;
            if (updated_start_date is not null && !DateTimeOffset.TryParse(updated_start_date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
            {
                return Invalid(("updated_start_date", "is not a valid ISO 8601 date"));
            }

            var size = Math.Clamp(per_page ?? 24, 1, 50);
            var current = Math.Max(1, page ?? 1);
            var all = store.OrdersUpdatedSince(since);
            var totalPages = Math.Max(1, (all.Count + size - 1) / size);
            var links = new JsonObject();
            if (current < totalPages)
            {
                var next = $"{request.Scheme}://{request.Host}{request.Path}?updated_start_date={Uri.EscapeDataString(updated_start_date ?? string.Empty)}&per_page={size}&page={current + 1}";
                links["next"] = new JsonObject { ["href"] = next };
            }

            return Hal(new JsonObject
            {
                ["total"] = all.Count,
                ["current_page"] = current,
                ["total_pages"] = totalPages,
                ["orders"] = new JsonArray(all.Skip((current - 1) * size).Take(size).Select(o => (JsonNode)o).ToArray()),
                ["_links"] = links,
            });
        });

        api.MapGet("/my/orders/selling/{orderNumber}", (string orderNumber, HttpContext http) =>
        {
            var store = ReverbSandboxShops.Of(http);
            return store.GetOrder(orderNumber) is { } order ? Hal(order) : Message(StatusCodes.Status404NotFound, "Order not found.");
        });
    }
}
