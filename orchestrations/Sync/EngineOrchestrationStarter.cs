using System.Text.Json;
using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog.Outbox;

namespace Marketplace.Orchestrations.Sync;

/// <summary>
/// The catalog outbox's <see cref="IOrchestrationStarter"/> on the engine: an instance id that exists (running or
/// finished) is not started again, so dispatching an entry twice starts one orchestration.
/// </summary>
public sealed class EngineOrchestrationStarter(DurableTaskClient client) : IOrchestrationStarter
{
    public async Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken: cancellationToken) is not null)
        {
            return instanceId;
        }

        using var input = JsonDocument.Parse(inputJson);
        return await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input.RootElement.Clone(), new StartOrchestrationOptions(instanceId), cancellationToken);
    }
}
