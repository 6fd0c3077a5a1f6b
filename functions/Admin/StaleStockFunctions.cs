using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Operations.StaleStock;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Admin;

/// <summary>
/// The stale-stock policies: <c>GET /api/admin/stale-stock</c> shows the settings and the daily workflow (its runtime
/// status and custom status: phase, next run, the last run's report); <c>POST /api/admin/stale-stock/run[?dryRun=true]</c>
/// starts one run now and answers 202 with its instance id and status URL (the report is the instance's output).
/// </summary>
internal sealed class StaleStockFunctions(StaleStockStarter starter)
{
    public const string StatusName = "StaleStockStatus";

    public const string RunName = "StaleStockRun";

    [Function(StatusName)]
    public async Task<IResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/stale-stock")] HttpRequest request, CancellationToken cancellationToken)
    {
        var options = starter.Options;
        var daily = await starter.GetDailyAsync(cancellationToken);
        return FunctionResults.Json(StatusCodes.Status200OK, new
        {
            options.Enabled,
            options.DryRun,
            options.RelistAfterDays,
            options.ArchiveAfterDays,
            options.ArchiveOutOfStock,
            interval = options.Interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            daily = DailyWorkflowView.Describe(daily),
        });
    }

    [Function(RunName)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/stale-stock/run")] HttpRequest request, CancellationToken cancellationToken)
    {
        var dryRunText = request.Query["dryRun"].ToString();
        if (!bool.TryParse(dryRunText.Length == 0 ? "false" : dryRunText, out var dryRun))
        {
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "dryRun must be true or false.", $"Got '{dryRunText}'.");
        }

        var id = await starter.RunOnceAsync(dryRun, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new { id, dryRun, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(id)}" });
    }
}
