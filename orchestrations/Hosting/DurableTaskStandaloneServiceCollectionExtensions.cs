using DurableTask.AzureStorage;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// Registers the standalone Durable Task runtime: the DTFx Azure Storage backend, a worker running the
/// Microsoft.DurableTask orchestrators and activities added to the <see cref="DurableTaskRegistry"/>, and
/// <see cref="DurableTaskClient"/>.
/// </summary>
public static class DurableTaskStandaloneServiceCollectionExtensions
{
    /// <summary>
    /// Adds the worker (a hosted service) and <see cref="DurableTaskClient"/>. Options come from the configuration
    /// section <c>Durable</c> (when an <see cref="IConfiguration"/> is registered), then <paramref name="configure"/>.
    /// Tasks are registered by name: <c>AddOrchestrator&lt;T&gt;()</c>/<c>AddActivity&lt;T&gt;()</c> use the class name
    /// (the Functions app's trigger names), created with <c>ActivatorUtilities</c>; orchestrators from the root
    /// provider, each activity call in its own DI scope. Call <see cref="AddDurableTasks"/> to add more tasks.
    /// </summary>
    public static IServiceCollection AddDurableTaskStandalone(
        this IServiceCollection services,
        StorageAccount account,
        Action<DurableTaskStandaloneOptions>? configure = null,
        Action<DurableTaskRegistry>? tasks = null)
    {
        services.AddDurableTaskStandaloneClient(account, configure);
        if (tasks is not null)
        {
            services.AddDurableTasks(tasks);
        }

        services.AddOptions<DurableTaskRegistry>();
        services.AddHostedService<DurableTaskWorkerHostedService>();
        return services;
    }

    /// <summary>Adds orchestrators and activities to the standalone worker's registry (may be called many times).</summary>
    public static IServiceCollection AddDurableTasks(this IServiceCollection services, Action<DurableTaskRegistry> tasks) =>
        services.Configure(tasks);

    /// <summary>
    /// Adds only <see cref="DurableTaskClient"/> (and the backend it talks to), for a process that starts and
    /// queries instances while other processes run them.
    /// </summary>
    public static IServiceCollection AddDurableTaskStandaloneClient(
        this IServiceCollection services,
        StorageAccount account,
        Action<DurableTaskStandaloneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(account);
        var options = services.AddOptions<DurableTaskStandaloneOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(DurableTaskStandaloneOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<DurableTaskStandaloneOptions>, DurableTaskStandaloneOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new DurableStorage(account));
        services.TryAddSingleton(sp => new AzureStorageOrchestrationService(DurableOrchestrationServiceFactory.CreateSettings(
            account, sp.GetRequiredService<IOptions<DurableTaskStandaloneOptions>>().Value, sp.GetRequiredService<ILoggerFactory>())));
        services.TryAddSingleton<DurableTaskClient>(sp => new StandaloneDurableTaskClient(
            sp.GetRequiredService<AzureStorageOrchestrationService>(),
            sp.GetRequiredService<IOptions<DurableTaskStandaloneOptions>>().Value.TaskHub,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

/// <summary>Names every invalid setting at start-up.</summary>
internal sealed class DurableTaskStandaloneOptionsValidator : IValidateOptions<DurableTaskStandaloneOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskStandaloneOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
