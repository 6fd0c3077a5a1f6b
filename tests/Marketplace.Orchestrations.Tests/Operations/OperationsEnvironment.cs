using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>
/// The sync services on Azurite and the sandboxes (gallery images served from the Azurite blob endpoint); <c>configure</c>
/// registers first; <c>reverbShopB</c> adds the sandbox's second Reverb shop as account <c>b</c>.
/// </summary>
internal sealed class OperationsEnvironment : IAsyncDisposable
{
    private ServiceProvider _provider = null!;

    public SyncSandboxes Sandboxes { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    public static async Task<OperationsEnvironment> StartAsync(Shared.Storage.StorageAccount account, Action<IServiceCollection>? configure = null, bool reverbShopB = false)
    {
        var env = new OperationsEnvironment { Sandboxes = await SyncSandboxes.StartAsync() };
        var services = new ServiceCollection();
        configure?.Invoke(services);
        var endpoints = reverbShopB
            ? env.Sandboxes.Endpoints with { ReverbShops = new Dictionary<string, string> { ["b"] = env.Sandboxes.EbayReverb.ReverbShop("b").Options.AccessToken } }
            : env.Sandboxes.Endpoints;
        env._provider = services.AddSyncOnAzurite(account, endpoints, new SyncEnvironmentOptions
        {
            CatalogTable = "img" + Guid.NewGuid().ToString("N")[..12],
            TaskHub = "img" + Guid.NewGuid().ToString("N")[..10],
            Sync = new SyncOptions
            {
                ImageBaseUrl = new Uri(account.BlobEndpoint.ToString().TrimEnd('/') + "/"),
                PlatformRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100)),
                StorageRetry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100)),
            },
        }).BuildServiceProvider();
        foreach (var hosted in env._provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return env;
    }

    public async Task<IReadOnlyDictionary<Platform, ImageRemediationReport>> CheckImagesAsync(string sku, bool dryRun, params Platform[] platforms)
    {
        var ids = await _provider.GetRequiredService<ImageRemediationStarter>().StartAsync(platforms, sku, dryRun);
        var client = _provider.GetRequiredService<DurableTaskClient>();
        var reports = new Dictionary<Platform, ImageRemediationReport>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var (platform, id) in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
            reports[platform] = done.ReadOutputAs<ImageRemediationReport>()!;
        }

        return reports;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _provider.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        await Sandboxes.DisposeAsync();
    }
}
