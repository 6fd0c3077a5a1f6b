using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Shopware;

/// <summary>What <see cref="ShopwareBackfillStarter.StartAsync"/> did: started fresh, resumed a stopped run, or found one running.</summary>
public enum ShopwareBackfillStart
{
    Started,
    Resumed,
    AlreadyRunning,
}

/// <summary>
/// Starts the Shopware backfill under the one instance id <see cref="InstanceId"/>. A run that failed or was terminated
/// resumes from its last checkpoint (the input of its last execution: cursor and counters); a completed one starts again
/// from the first page (ids derive from SKUs, so products already there are updated, not duplicated).
/// </summary>
public sealed class ShopwareBackfillStarter(DurableTaskClient client)
{
    public const string InstanceId = "shopware-backfill";

    /// <exception cref="CatalogValidationException">A batch size outside 1-500.</exception>
    public async Task<ShopwareBackfillStart> StartAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        if (batchSize is < 1 or > 500)
        {
            throw CatalogValidationException.For("batchSize", "The batch size is between 1 and 500.");
        }

        var existing = await client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (existing is { IsRunning: true } || existing?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            return ShopwareBackfillStart.AlreadyRunning;
        }

        var resume = existing is { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated }
            ? existing.ReadInputAs<ShopwareBackfillState>()
            : null;
        var state = resume is null ? new ShopwareBackfillState { BatchSize = batchSize } : resume with { BatchSize = batchSize };
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ShopwareBackfillOrchestrator), state, new StartOrchestrationOptions(InstanceId), cancellationToken);
        return resume is null ? ShopwareBackfillStart.Started : ShopwareBackfillStart.Resumed;
    }
}
