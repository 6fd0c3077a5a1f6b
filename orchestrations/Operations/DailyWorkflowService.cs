using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Operations.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Operations;

/// <summary>
/// Starts the enabled daily workflows (stale-stock policies, platform stats) when the host starts; each runs, then waits
/// on its durable timer. One that is already running is left alone, so several hosts on one task hub start it once. A
/// start that fails (storage down) is logged; the next host start tries again.
/// </summary>
internal sealed partial class DailyWorkflowService(StaleStockOptions staleStock, PlatformStatsOptions stats, IServiceProvider services, ILogger<DailyWorkflowService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The starters (and the durable client) are resolved only for an enabled workflow.
        if (staleStock.Enabled)
        {
            await StartAsync(nameof(StaleStockOrchestrator), services.GetRequiredService<StaleStockStarter>().StartDailyAsync, stoppingToken);
        }

        if (stats.Enabled)
        {
            await StartAsync(nameof(PlatformStatsOrchestrator), services.GetRequiredService<PlatformStatsStarter>().StartDailyAsync, stoppingToken);
        }
    }

    private async Task StartAsync(string workflow, Func<CancellationToken, Task<bool>> start, CancellationToken stoppingToken)
    {
        try
        {
            LogStarted(workflow, await start(stoppingToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(ex, workflow);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Daily workflow {Workflow}: started {Started} (false: already running)")]
    private partial void LogStarted(string workflow, bool started);

    [LoggerMessage(2, LogLevel.Error, "Daily workflow {Workflow} could not be started; the next host start tries again")]
    private partial void LogStartFailed(Exception exception, string workflow);
}
