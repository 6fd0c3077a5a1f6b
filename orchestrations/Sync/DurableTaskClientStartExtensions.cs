using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync;

/// <summary>Starts an instance under a business id exactly once.</summary>
internal static class DurableTaskClientStartExtensions
{
    /// <summary>
    /// Schedules <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless an instance with that id exists
    /// (pending, running or finished); true when this call started it. A concurrent start of the same id (a webhook
    /// delivered twice at once) makes one of the calls return false.
    /// </summary>
    public static async Task<bool> StartOnceAsync(this DurableTaskClient client, TaskName orchestrator, object? input, string instanceId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The backends refuse an id that exists with different exception types; the instance is what tells.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
            {
                return false;
            }

            throw;
        }
    }
}
