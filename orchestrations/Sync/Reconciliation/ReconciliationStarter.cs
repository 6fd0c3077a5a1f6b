using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>
/// Starts reconciliation runs under the fixed instance id <see cref="InstanceId"/>: while a run is going, a start is
/// a no-op (one run at a time); the next run continues from the cursors in the previous run's output.
/// </summary>
public sealed class ReconciliationStarter(DurableTaskClient client)
{
    public const string InstanceId = "sync-reconciliation";

    /// <summary>True when this call started a run.</summary>
    public async Task<bool> StartAsync(string reason, CancellationToken cancellationToken = default)
    {
        var previous = await client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (previous is { IsCompleted: false })
        {
            return false;
        }

        var cursors = previous?.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? previous.ReadOutputAs<ReconciliationResult>()?.Cursors
            : previous?.ReadInputAs<ReconciliationInput>()?.Cursors;
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReconciliationOrchestrator),
            new ReconciliationInput(cursors ?? new Dictionary<Platform, DateTime>(), reason), new StartOrchestrationOptions(InstanceId), cancellationToken);
        return true;
    }
}
