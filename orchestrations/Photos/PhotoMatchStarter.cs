using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Photos;

/// <summary>Starts <see cref="PhotoMatchOrchestrator"/> for a batch, once: the instance id is <c>photo-{batchId}</c>.</summary>
public sealed class PhotoMatchStarter(DurableTaskClient client)
{
    public static string InstanceIdOf(string batchId) => "photo-" + batchId;

    /// <summary>True when this call started the batch; false when it had been started before (the same batch uploaded again).</summary>
    public Task<bool> StartAsync(string batchId, bool settle, CancellationToken cancellationToken = default) =>
        client.StartOnceAsync(nameof(PhotoMatchOrchestrator), new PhotoMatchInput(batchId, settle), InstanceIdOf(batchId), cancellationToken);

    /// <summary>Hands the operator's choice to an unmatched batch.</summary>
    public Task ResolveAsync(string batchId, PhotoResolution resolution, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(InstanceIdOf(batchId), PhotoMatchOrchestrator.ResolveEvent, resolution, cancellationToken);
}
