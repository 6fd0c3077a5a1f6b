using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>Starts the stats pull: the daily one (<see cref="PlatformStatsOrchestrator.InstanceId"/>) or a single pull on demand, and reads the daily one.</summary>
public sealed class PlatformStatsStarter(DurableTaskClient client, PlatformStatsOptions options, TimeProvider time)
{
    /// <summary>The settings the pull runs with.</summary>
    public PlatformStatsOptions Options => options;

    /// <summary>Starts the daily pull unless it is already pending, running or suspended; true when this call started it.</summary>
    public Task<bool> StartDailyAsync(CancellationToken cancellationToken = default) =>
        client.StartUnlessRunningAsync(nameof(PlatformStatsOrchestrator), new PlatformStatsRun(Eternal: true), PlatformStatsOrchestrator.InstanceId, cancellationToken);

    /// <summary>Starts one pull now (the report is the instance's output); returns its instance id.</summary>
    public Task<string> RunOnceAsync(CancellationToken cancellationToken = default) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(PlatformStatsOrchestrator), new PlatformStatsRun(),
            new StartOrchestrationOptions(DailyWorkflows.OneOffId("platform-stats-run", time)), cancellationToken);

    /// <summary>The daily pull's instance with its custom status (a <see cref="PlatformStatsStatus"/>), or null when it never started.</summary>
    public Task<OrchestrationMetadata?> GetDailyAsync(CancellationToken cancellationToken = default) =>
        client.GetInstanceAsync(PlatformStatsOrchestrator.InstanceId, getInputsAndOutputs: true, cancellationToken);
}
