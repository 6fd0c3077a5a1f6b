using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Engine;

/// <summary>Registers the engine: backend, <see cref="DurableTaskClient"/>, <see cref="DurableTaskRegistry"/> and the worker as a hosted service.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// The Azure Storage backend on <paramref name="account"/>. <paramref name="register"/> adds orchestrators and
    /// activities (by <c>nameof</c>); the worker starts with the host. Clients in processes without a worker can
    /// use <see cref="AddDurableTaskClient"/> instead.
    /// </summary>
    public static IServiceCollection AddDurableTaskAzureStorage(this IServiceCollection services, StorageAccount account,
        Action<DurableTaskRegistry> register, Action<AzureStorageOrchestrationServiceOptions>? configure = null, DurableTaskWorkerOptions? workerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddDurableTaskClient(account, configure);
        var registry = new DurableTaskRegistry();
        register(registry);
        services.TryAddSingleton(registry);
        services.TryAddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<AzureStorageOrchestrationService>(), registry, workerOptions, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }

    /// <summary>Only the client (schedule, query, raise, terminate, purge) over the Azure Storage backend.</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, StorageAccount account, Action<AzureStorageOrchestrationServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(account);
        services.TryAddSingleton(sp =>
        {
            var options = new AzureStorageOrchestrationServiceOptions();
            configure?.Invoke(options);
            return new AzureStorageOrchestrationService(account, options, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<AzureStorageOrchestrationService>(), timeProvider: sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>The in-memory backend (tests, local experiments): nothing survives the process.</summary>
    public static IServiceCollection AddDurableTaskInMemory(this IServiceCollection services, Action<DurableTaskRegistry> register, DurableTaskWorkerOptions? workerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(register);
        var registry = new DurableTaskRegistry();
        register(registry);
        services.TryAddSingleton(registry);
        services.TryAddSingleton(sp => new InMemoryOrchestrationService(sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<InMemoryOrchestrationService>(), timeProvider: sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<InMemoryOrchestrationService>(), registry, workerOptions, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }
}
