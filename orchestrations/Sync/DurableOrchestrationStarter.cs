using System.Text.Json;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Outbox;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync;

/// <summary>
/// The catalog outbox's <see cref="IOrchestrationStarter"/> over <see cref="DurableTaskClient"/>: an instance id that exists (running or
/// finished) is not started again, so dispatching an entry twice starts one orchestration. A product push (a SKU created,
/// imported or changed) also applies the SKU's unmatched sales (<see cref="UnmatchedSales"/>).
/// </summary>
internal sealed class DurableOrchestrationStarter(DurableTaskClient client, UnmatchedSales unmatched) : IOrchestrationStarter
{
    public async Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default)
    {
        using var input = JsonDocument.Parse(inputJson);
        await client.StartOnceAsync(orchestratorName, input.RootElement.Clone(), instanceId, cancellationToken);
        if (orchestratorName == CatalogOrchestrators.PushProduct && input.RootElement.TryGetProperty("sku", out var sku) && sku.GetString() is { Length: > 0 } value)
        {
            await unmatched.ApplyForSkuAsync(value, cancellationToken);
        }

        return instanceId;
    }
}
