using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// The running sync worker of a test harness (a service provider whose hosted services run the standalone Durable
/// Task worker), and the worker that replaces it after a stop: a new provider built the same way with its own worker
/// id, on the same task hub. What the crash-resume tests of the sync harnesses share.
/// </summary>
internal sealed class ReplaceableWorker : IAsyncDisposable
{
    private readonly Func<string, ServiceProvider> _build;
    private readonly List<ServiceProvider> _providers = [];
    private ServiceProvider? _running;

    private ReplaceableWorker(Func<string, ServiceProvider> build) => _build = build;

    /// <summary>The first provider (its client, catalog and starters stay usable after its worker stops).</summary>
    public ServiceProvider Services => _providers[0];

    /// <summary>Builds the first provider with <paramref name="build"/> (given a new worker id) and starts its worker.</summary>
    public static async Task<ReplaceableWorker> StartAsync(Func<string, ServiceProvider> build)
    {
        var worker = new ReplaceableWorker(build);
        await worker.StartReplacementAsync();
        return worker;
    }

    /// <summary>Stops the running worker; work in flight is abandoned to the messages' redelivery.</summary>
    public async Task StopAsync()
    {
        if (_running is { } running)
        {
            _running = null;
            foreach (var service in running.GetServices<IHostedService>().Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Starts a new worker (own provider and worker id) on the same task hub.</summary>
    public async Task StartReplacementAsync()
    {
        var provider = _build("test-" + Guid.NewGuid().ToString("N")[..8]);
        _providers.Add(provider);
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        _running = provider;
    }

    /// <summary>Stops whichever worker runs, then disposes the providers.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
