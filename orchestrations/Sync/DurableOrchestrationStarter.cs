using System.Text.Json;
using Marketplace.Shared.Catalog.Outbox;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync;

/// <summary>
/// The catalog outbox's <see cref="IOrchestrationStarter"/> over <see cref="DurableTaskClient"/>: an instance id that exists (running or
/// finished) is not started again, so dispatching an entry twice starts one orchestration.
/// </summary>
internal sealed class DurableOrchestrationStarter(DurableTaskClient client) : IOrchestrationStarter
{
    public async Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default)
    {
        using var input = JsonDocument.Parse(inputJson);
        await client.StartOnceAsync(orchestratorName, input.RootElement.Clone(), instanceId, cancellationToken);
        return instanceId;
    }
}
