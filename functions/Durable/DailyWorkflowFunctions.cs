using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Operations.Stats;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>
/// Under the Functions host, the trigger functions of the daily shop workflows (stale-stock policies, platform stats), one
/// line each like <see cref="OperationsWorkflowFunctions"/>.
/// </summary>
internal static class DailyWorkflowFunctions
{
    [Function(nameof(StaleStockOrchestrator))]
    public static Task<StaleStockReport> RunStaleStockOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<StaleStockOrchestrator, StaleStockRun, StaleStockReport>(context, executionContext);

    [Function(nameof(ApplyStalePolicyActivity))]
    public static Task<IReadOnlyList<StaleStockAction>> RunApplyStalePolicyActivity([ActivityTrigger] StaleStockChunk input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ApplyStalePolicyActivity, StaleStockChunk, IReadOnlyList<StaleStockAction>>(input, instanceId, executionContext);

    [Function(nameof(PlatformStatsOrchestrator))]
    public static Task<PlatformStatsReport> RunPlatformStatsOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PlatformStatsOrchestrator, PlatformStatsRun, PlatformStatsReport>(context, executionContext);

    [Function(nameof(PullListingStatsActivity))]
    public static Task<int> RunPullListingStatsActivity([ActivityTrigger] StatsChunk input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PullListingStatsActivity, StatsChunk, int>(input, instanceId, executionContext);
}
