using Marketplace.Functions.Standalone;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Orchestrations.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions.Engine;

/// <summary>Wires the engine's queue processing for the chosen <see cref="EngineDispatch"/> (after the sync services).</summary>
internal static class EngineDispatchExtensions
{
    public static IServiceCollection AddEngineDispatch(this IServiceCollection services, EngineDispatch dispatch)
    {
        services.AddSingleton(dispatch);
        services.TryAddSingleton(sp => new EngineRegistry(SyncServiceCollectionExtensions.BuildRegistry(sp)));
        services.TryAddSingleton(sp => new DurableTaskQueueProcessor(sp.GetRequiredService<AzureStorageOrchestrationService>(),
            sp.GetRequiredService<EngineRegistry>().Registry, timeProvider: sp.GetService<TimeProvider>(), loggerFactory: sp.GetService<ILoggerFactory>()));
        if (dispatch.IsHostDriven)
        {
            // The worker (if the sync services run one) keeps its place in the host's lifetime but polls nothing.
            services.Replace(ServiceDescriptor.Singleton(sp => new DurableTaskWorker(
                new HostDeliveredOrchestrationService(sp.GetRequiredService<AzureStorageOrchestrationService>()), new DurableTaskRegistry())));
        }
        else
        {
            // The engine worker polls its own queues; the standalone listeners must leave them alone.
            services.AddSingleton(new StandaloneExclusion(EngineQueueFunctions.Names));
        }

        return services;
    }
}

/// <summary>The orchestrators and activities the engine queue functions run (the sync workflows; tests register their own).</summary>
internal sealed record EngineRegistry(DurableTaskRegistry Registry);

/// <summary>
/// The worker's backend in host-driven mode: creates the task hub at start and hands out no work, since the host
/// delivers every message to <see cref="DurableTaskQueueProcessor"/>.
/// </summary>
internal sealed class HostDeliveredOrchestrationService(AzureStorageOrchestrationService backend) : IOrchestrationService
{
    public Task StartAsync(CancellationToken cancellationToken = default) => backend.CreateIfNotExistsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default) => Idle<OrchestrationWorkItem>(cancellationToken);

    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default) => Idle<ActivityWorkItem>(cancellationToken);

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken = default) => throw NotOurs();

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default) => throw NotOurs();

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default) => throw NotOurs();

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) => throw NotOurs();

    private static async Task<T?> Idle<T>(CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The worker stops: no work item.
        }

        return null;
    }

    private static InvalidOperationException NotOurs() => new("Host-driven dispatch hands out no work items.");
}
