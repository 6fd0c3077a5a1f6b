using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Operations;

/// <summary>Starts a daily (eternal) workflow under its fixed instance id.</summary>
internal static class DailyWorkflows
{
    /// <summary>
    /// Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless that instance is pending, running or
    /// suspended (a finished, failed or terminated one starts again under the same id); true when this call started it.
    /// </summary>
    public static async Task<bool> StartUnlessRunningAsync(this DurableTaskClient client, TaskName orchestrator, object input, string instanceId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return true;
    }

    /// <summary>A one-off run's instance id: <paramref name="prefix"/>, the time and a short random suffix.</summary>
    public static string OneOffId(string prefix, TimeProvider time) =>
        $"{prefix}-{time.GetUtcNow().ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
}
