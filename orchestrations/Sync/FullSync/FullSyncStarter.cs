using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>Starts full syncs (PUSH, PULL or BIDIRECTIONAL); the returned instance id is what the admin API's status URL watches.</summary>
public sealed class FullSyncStarter(DurableTaskClient client)
{
    /// <exception cref="CatalogValidationException">SELECTIVE without SKUs, or a batch size outside 1-500.</exception>
    public async Task<string> StartAsync(FullSyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == SyncScope.Selective && request.Skus.Count == 0)
        {
            throw CatalogValidationException.For("skus", "A SELECTIVE sync needs at least one SKU.");
        }

        if (request.BatchSize is < 1 or > 500)
        {
            throw CatalogValidationException.For("batchSize", "The batch size is between 1 and 500.");
        }

        return await client.ScheduleNewOrchestrationInstanceAsync(nameof(FullSyncOrchestrator), new FullSyncState { Request = request },
            new StartOrchestrationOptions("fullsync:" + Guid.NewGuid().ToString("N")), cancellationToken);
    }
}
