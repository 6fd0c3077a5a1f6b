using System.Globalization;
using Marketplace.Functions.Catalog;
using Marketplace.Orchestrations.Engine;

namespace Marketplace.Functions.Engine;

/// <summary>
/// The orchestration engine's queues as queue-triggered functions: <c>EngineControl00</c>.. on the task hub's control
/// queues and <c>EngineWorkItems</c> on its activity queue. Queue names are binding expressions over the task hub
/// setting (<c>%Sync:TaskHub%-control-00</c>), resolved by the Functions host (or by the standalone listeners), so
/// function.json needs no rebuild when the task hub changes; the setting must then be present.
/// </summary>
internal static class EngineQueueFunctions
{
    public const string TaskHubSetting = "Sync:TaskHub";
    public const string ControlPrefix = "EngineControl";
    public const string WorkItemsName = "EngineWorkItems";

    /// <summary>Control-queue partitions of the task hub (the engine's default; all workers of a hub must agree).</summary>
    public static int PartitionCount => new Orchestrations.Engine.AzureStorage.AzureStorageOrchestrationServiceOptions().PartitionCount;

    /// <summary>The names of the engine's queue functions.</summary>
    public static IReadOnlyList<string> Names =>
        [.. Enumerable.Range(0, PartitionCount).Select(ControlName), WorkItemsName];

    /// <summary>
    /// Makes the engine's default task hub (<c>marketplace</c>) the lowest-priority value of <c>Sync:TaskHub</c>, so that
    /// the queue names' binding expression resolves standalone as it does for the engine.
    /// </summary>
    public static void AddDefaultTaskHub(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new(TaskHubSetting, new Orchestrations.Engine.AzureStorage.AzureStorageOrchestrationServiceOptions().TaskHubName)],
        });

    public static IServiceCollection AddEngineQueueFunctions(this IServiceCollection services)
    {
        var hub = "%" + TaskHubSetting + "%";
        var control = DurableTaskQueueProcessor.ControlQueueNames(hub, PartitionCount);
        for (var i = 0; i < control.Count; i++)
        {
            services.AddQueueFunction<EngineControlQueueFunction>(ControlName(i), new QueueTrigger(control[i]));
        }

        return services.AddQueueFunction<EngineWorkItemQueueFunction>(WorkItemsName, new QueueTrigger(DurableTaskQueueProcessor.WorkItemQueueName(hub)));
    }

    private static string ControlName(int partition) => ControlPrefix + partition.ToString("D2", CultureInfo.InvariantCulture);
}

/// <summary>One control-queue message: one orchestration step (see <see cref="DurableTaskQueueProcessor"/>); a throw makes the host deliver it again.</summary>
internal sealed class EngineControlQueueFunction(DurableTaskQueueProcessor processor) : IQueueMessageHandler
{
    public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken) =>
        processor.ProcessControlMessageAsync(message.Text, cancellationToken);
}

/// <summary>One work-item message: its activities run and their results are sent; a throw makes the host deliver it again.</summary>
internal sealed class EngineWorkItemQueueFunction(DurableTaskQueueProcessor processor) : IQueueMessageHandler
{
    public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken) =>
        processor.ProcessWorkItemMessageAsync(message.Text, cancellationToken);
}
