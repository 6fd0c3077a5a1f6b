using Marketplace.Orchestrations.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Tests.Hosting;

/// <summary>A started host running the standalone runtime on its own task hub, with local (fast-recovery) settings.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DurableTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<DurableTestHost> StartAsync(
        StorageAccount account,
        string taskHub,
        Action<DurableTaskRegistry> tasks,
        Action<IServiceCollection>? services = null,
        Action<DurableTaskStandaloneOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddDurableTaskStandalone(account, o =>
        {
            o.TaskHub = taskHub;
            o.PartitionCount = 1;
            o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
            o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
            o.LeaseInterval = TimeSpan.FromSeconds(6);
            // A graceful stop waits for idle extended sessions to end.
            o.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        }, tasks);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host);
    }

    /// <summary>Schedules an instance and waits for its end (any terminal status), with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> RunAsync(TaskName orchestrator, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
