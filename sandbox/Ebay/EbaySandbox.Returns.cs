using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    /// <summary>
    /// Post-Order <c>GET /post-order/v2/return/search</c>: <c>creation_date_range_from</c>/<c>_to</c>, <c>limit</c>
    /// (1-200, default 25) and <c>offset</c> (the 1-based page); answers <c>members</c>, <c>paginationOutput</c> and <c>total</c>.
    /// </summary>
    private static void MapPostOrder(RouteGroupBuilder api) =>
        api.MapGet("/return/search", (string? creation_date_range_from, string? creation_date_range_to, int? limit, int? offset, EbaySandboxState state) =>
        {
            if (!TryDate(creation_date_range_from, out var from) || !TryDate(creation_date_range_to, out var to))
            {
                return Error(400, 1302, "API_RETURN", "REQUEST", "Invalid date format", ("creation_date_range", creation_date_range_from ?? creation_date_range_to ?? string.Empty));
            }

            var size = Math.Clamp(limit ?? 25, 1, 200);
            var page = Math.Max(1, offset ?? 1);
            var all = state.ReturnsCreated(from ?? DateTimeOffset.MinValue, to);
            return Results.Json(new JsonObject
            {
                ["members"] = new JsonArray([.. all.Skip((page - 1) * size).Take(size)]),
                ["paginationOutput"] = new JsonObject
                {
                    ["limit"] = size,
                    ["offset"] = page,
                    ["totalEntries"] = all.Count,
                    ["totalPages"] = (all.Count + size - 1) / size,
                },
                ["total"] = all.Count,
            });
        });

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed);
        value = ok ? parsed : null;
        return ok;
    }
}
