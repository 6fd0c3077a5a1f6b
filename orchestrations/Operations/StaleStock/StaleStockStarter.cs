using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>Starts the stale-stock workflow: the daily one (<see cref="StaleStockOrchestrator.InstanceId"/>) or a single run on demand, and reads the daily one.</summary>
public sealed class StaleStockStarter(DurableTaskClient client, StaleStockOptions options, TimeProvider time)
{
    /// <summary>The settings the workflow runs with.</summary>
    public StaleStockOptions Options => options;

    /// <summary>Starts the daily workflow unless it is already pending, running or suspended; true when this call started it.</summary>
    public Task<bool> StartDailyAsync(CancellationToken cancellationToken = default) =>
        client.StartUnlessRunningAsync(nameof(StaleStockOrchestrator), new StaleStockRun(options.DryRun, Eternal: true), StaleStockOrchestrator.InstanceId, cancellationToken);

    /// <summary>Starts one run now (the report is the instance's output); returns its instance id.</summary>
    public Task<string> RunOnceAsync(bool dryRun, CancellationToken cancellationToken = default) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(StaleStockOrchestrator), new StaleStockRun(dryRun),
            new StartOrchestrationOptions(DailyWorkflows.OneOffId(dryRun ? "stale-stock-dry" : "stale-stock-run", time)), cancellationToken);

    /// <summary>The daily workflow's instance with its custom status (a <see cref="StaleStockStatus"/>), or null when it never started.</summary>
    public Task<OrchestrationMetadata?> GetDailyAsync(CancellationToken cancellationToken = default) =>
        client.GetInstanceAsync(StaleStockOrchestrator.InstanceId, getInputsAndOutputs: true, cancellationToken);
}
