using System.Globalization;
using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Operations.Stats;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Platform stats (views, watches) and the dead-stock list: <c>GET /api/admin/stats</c> shows the settings and the daily
/// pull (runtime status, custom status with the last report); <c>POST /api/admin/stats/pull</c> starts one pull now (202,
/// instance id and status URL); <c>GET /api/admin/stats/dead-stock[?days=&amp;maxViews=]</c> lists active products in stock
/// with no sale for <c>days</c> and at most <c>maxViews</c> views (defaults from <see cref="PlatformStatsOptions"/>).
/// </summary>
internal sealed class PlatformStatsFunctions(PlatformStatsStarter starter, DeadStockReport deadStock)
{
    public const string StatusName = "PlatformStatsStatus";

    public const string PullName = "PlatformStatsPull";

    public const string DeadStockName = "DeadStock";

    [Function(StatusName)]
    public async Task<IResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/stats")] HttpRequest request, CancellationToken cancellationToken)
    {
        var options = starter.Options;
        var daily = await starter.GetDailyAsync(cancellationToken);
        return FunctionResults.Json(StatusCodes.Status200OK, new
        {
            options.Enabled,
            interval = options.Interval.ToString("c", CultureInfo.InvariantCulture),
            options.EbayWindowDays,
            options.DeadStockDays,
            options.DeadStockMaxViews,
            daily = DailyWorkflowView.Describe(daily),
        });
    }

    [Function(PullName)]
    public async Task<IResult> PullAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/stats/pull")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = await starter.RunOnceAsync(cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
    }

    [Function(DeadStockName)]
    public async Task<IResult> DeadStockAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/stats/dead-stock")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int Read(string name, int fallback)
        {
            var text = request.Query[name].ToString();
            if (text.Length == 0)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[name] = [$"'{text}' is not a whole number of 0 or more."];
            return fallback;
        }

        var days = Read("days", starter.Options.DeadStockDays);
        var maxViews = Read("maxViews", starter.Options.DeadStockMaxViews);
        if (errors.Count > 0)
        {
            return FunctionResults.ValidationProblem(errors);
        }

        var items = await deadStock.ListAsync(days, maxViews, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status200OK, new { days, maxViews, count = items.Count, items });
    }
}
