using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shouldly;

namespace Marketplace.Orchestrations.Tests.Sync.Orchestrators;

/// <summary>
/// A sync orchestrator on the in-memory <see cref="DurableTaskTestHost"/> with stand-in activities registered under the
/// real activities' names: the orchestrator's own logic (fan-out, retries on durable timers, ContinueAsNew, replay) without storage or platforms.
/// </summary>
internal static class OrchestratorHost
{
    /// <summary>Retries fast enough for tests: 4 attempts, 50 ms apart; one push per activity (chunked pushes have their own tests).</summary>
    public static SyncOptions FastOptions() => new()
    {
        PlatformRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(50)),
        StorageRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(50)),
        ShopifyBulkThreshold = 2,
        PushChunkSize = 1,
    };

    /// <summary>
    /// Starts the host; <paramref name="tasks"/> gets the registry and the services the orchestrators are built from
    /// (<paramref name="options"/>, no connectors unless <paramref name="services"/> adds them).
    /// </summary>
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry, IServiceProvider> tasks, Action<IServiceCollection>? services = null, SyncOptions? options = null)
    {
        var configuration = new ServiceCollection();
        configuration.AddSingleton(options ?? FastOptions());
        services?.Invoke(configuration);
        configuration.TryAddSingleton(new SyncConnectors([]));
        var provider = configuration.BuildServiceProvider();
        return StartOnAFreePortAsync(registry => tasks(registry, provider));
    }

    /// <summary>
    /// The test host's gRPC sidecar takes a random port in 30000-40000 without asking whether it is free (the test
    /// assemblies run side by side and their sockets use the same range): it gets a port the system says is free, and
    /// another one if that was taken before the host bound it.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartOnAFreePortAsync(Action<DurableTaskRegistry> registry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Registers <typeparamref name="TOrchestrator"/> built from <paramref name="services"/>, as the sync workflows are.</summary>
    public static DurableTaskRegistry AddOrchestrator<TOrchestrator>(this DurableTaskRegistry registry, IServiceProvider services)
        where TOrchestrator : ITaskOrchestrator =>
        registry.AddOrchestrator(typeof(TOrchestrator).Name, () => ActivatorUtilities.CreateInstance<TOrchestrator>(services));

    /// <summary>Runs <typeparamref name="TOrchestrator"/> to completion and returns its output.</summary>
    public static async Task<TOutput> RunAsync<TOrchestrator, TOutput>(this DurableTaskTestHost host, object input, string? instanceId = null)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(typeof(TOrchestrator).Name, input, new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<TOutput>()!;
    }
}
