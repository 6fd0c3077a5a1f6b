using Marketplace.Orchestrations.Engine;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>A worker and client over one backend, started on creation and stopped on dispose.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly DurableTaskWorker _worker;

    private EngineHarness(DurableTaskWorker worker, DurableTaskClient client)
    {
        _worker = worker;
        Client = client;
    }

    public DurableTaskClient Client { get; }

    public static async Task<EngineHarness> StartInMemoryAsync(Action<DurableTaskRegistry> register, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var service = new InMemoryOrchestrationService();
        return await StartAsync(service, service, register, loggerFactory);
    }

    public static async Task<EngineHarness> StartAsync(IOrchestrationService service, IOrchestrationServiceClient client, Action<DurableTaskRegistry> register,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        var worker = new DurableTaskWorker(service, registry, loggerFactory: loggerFactory);
        await worker.StartAsync(CancellationToken.None);
        return new EngineHarness(worker, new DurableTaskClient(client));
    }

    /// <summary>Schedules and waits for completion (the test's own timeout guards against hangs).</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, hang.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance (for "is waiting" states).</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, hang.Token);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            await Task.Delay(10, hang.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _worker.DisposeAsync();
}
