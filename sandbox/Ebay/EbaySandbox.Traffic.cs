using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.Sandbox.Ebay;

public static partial class EbaySandbox
{
    private static readonly string[] TrafficMetrics = ["LISTING_VIEWS_TOTAL", "LISTING_IMPRESSION_TOTAL"];

    /// <summary>
    /// Sell Analytics <c>getTrafficReport</c> (<c>GET /sell/analytics/v1/traffic_report</c>, user token) with
    /// <c>dimension=LISTING</c>: one record per listing of the <c>listing_ids:{a|b}</c> filter (at most 200), its
    /// <c>dimensionValues</c> the listing id and its <c>metricValues</c> in the order of <c>metric</c>. The filter also needs
    /// <c>marketplace_ids:{...}</c> and <c>date_range:[yyyyMMdd..yyyyMMdd]</c>; the sandbox reports each listing's running
    /// totals (<see cref="EbaySandboxState.SetListingTraffic"/>) whatever the range. Metrics served: page views and impressions.
    /// </summary>
    private static void MapTrafficReport(RouteGroupBuilder api) =>
        api.MapGet("/traffic_report", (HttpContext http, EbaySandboxState state) =>
        {
            var query = http.Request.Query;
            if (!string.Equals(query["dimension"].ToString(), "LISTING", StringComparison.Ordinal))
            {
                return Error(StatusCodes.Status400BadRequest, 50005, "API_ANALYTICS", "REQUEST", "The 'dimension' is invalid or missing; the sandbox serves LISTING.");
            }

            var filters = TrafficFilter().Matches(query["filter"].ToString()).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value[1..^1], StringComparer.Ordinal);
            if (!filters.ContainsKey("marketplace_ids") || !filters.TryGetValue("date_range", out var range) || !range.Contains("..", StringComparison.Ordinal))
            {
                return Error(StatusCodes.Status400BadRequest, 50013, "API_ANALYTICS", "REQUEST", "The 'filter' needs marketplace_ids and date_range.");
            }

            var listingIds = filters.TryGetValue("listing_ids", out var ids) ? ids.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (listingIds.Length is 0 or > 200)
            {
                return Error(StatusCodes.Status400BadRequest, 50014, "API_ANALYTICS", "REQUEST", "The 'listing_ids' filter needs between 1 and 200 listing ids.");
            }

            var metrics = query["metric"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (metrics.Length == 0 || metrics.Any(m => !TrafficMetrics.Contains(m)))
            {
                return Error(StatusCodes.Status400BadRequest, 50006, "API_ANALYTICS", "REQUEST", $"The 'metric' is invalid; the sandbox serves {string.Join(", ", TrafficMetrics)}.");
            }

            var dates = range.Split("..");
            string Date(string value) => DateTime.ParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture);
            return Results.Json(new
            {
                header = new
                {
                    dimensionKeys = new[] { new { key = "LISTING_ID", localizedName = "Listing ID", dataType = "STRING" } },
                    metrics = metrics.Select(m => new { key = m, localizedName = m, dataType = "INTEGER" }),
                },
                records = listingIds.Select(id =>
                {
                    var (views, impressions) = state.TrafficOf(id);
                    return new
                    {
                        dimensionValues = new[] { new { value = id, applicable = true } },
                        metricValues = metrics.Select(m => new { value = m == "LISTING_VIEWS_TOTAL" ? views : impressions, applicable = true }),
                    };
                }),
                startDate = Date(dates[0]),
                endDate = Date(dates[1]),
                lastUpdatedDate = state.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                warnings = Array.Empty<object>(),
            });
        });

    [GeneratedRegex(@"(?<key>[a-z_]+):(?<value>\{[^}]*\}|\[[^\]]*\])")]
    private static partial Regex TrafficFilter();
}
