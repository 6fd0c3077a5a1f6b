using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// The worker of a test harness's service provider, and the worker that replaces it after a stop (own storage service and
/// worker id, same task hub, same registry): what the crash-resume tests of the sync harnesses share.
/// </summary>
internal sealed class ReplaceableWorker(ServiceProvider provider, StorageAccount account, string hub, TimeSpan? visibilityTimeout = null)
{
    private DurableTaskWorker? _replacement;
    private AzureStorageOrchestrationService? _replacementService;

    /// <summary>Stops the provider's worker; work in flight is abandoned to the messages' redelivery.</summary>
    public Task StopAsync() => provider.GetRequiredService<DurableTaskWorker>().StopAsync(CancellationToken.None);

    /// <summary>Starts a new worker on the same task hub.</summary>
    public async Task StartReplacementAsync()
    {
        var options = new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = hub, WorkerId = "test-" + Guid.NewGuid().ToString("N")[..8], LeaseDuration = TimeSpan.FromSeconds(15), MaxPollingDelay = TimeSpan.FromMilliseconds(100),
        };
        if (visibilityTimeout is { } visibility)
        {
            options.ControlQueueVisibilityTimeout = visibility;
            options.WorkItemVisibilityTimeout = visibility;
        }

        _replacementService = new AzureStorageOrchestrationService(account, options);
        _replacement = new DurableTaskWorker(_replacementService, SyncServiceCollectionExtensions.BuildRegistry(provider));
        await _replacement.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops whichever worker runs, then disposes the provider.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_replacement is not null)
        {
            await _replacement.StopAsync(CancellationToken.None);
            await _replacement.DisposeAsync();
            await _replacementService!.DisposeAsync();
        }
        else
        {
            await StopAsync();
        }

        await provider.DisposeAsync();
    }
}
