using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// A DTFx <see cref="TaskHubWorker"/> that runs Microsoft.DurableTask orchestrators and activities through the
/// SDK's public shims, with the project's JSON converter and failure details propagated to callers.
/// </summary>
internal static class DurableTaskHubWorkerFactory
{
    public static TaskHubWorker Create(AzureStorageOrchestrationService service, DurableTaskRegistry registry, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = DurableDataConverter.Instance }, loggerFactory);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var worker = new TaskHubWorker(service, loggerFactory)
        {
            // Without it, sub-orchestration and activity failures reach the caller without their details.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddTaskOrchestrations(registry.GetOrchestrators()
            .Select(o => (ObjectCreator<TaskOrchestration>)new ShimOrchestrationCreator(shims, o.Key, o.Value, services))
            .ToArray());
        worker.AddTaskActivities(registry.GetActivities()
            .Select(a => (ObjectCreator<CoreTaskActivity>)new ShimActivityCreator(shims, a.Key, a.Value, scopes))
            .ToArray());
        return worker;
    }
}
