using Marketplace.Functions.Admin;
using Marketplace.Orchestrations.Photos;
using Marketplace.Shared.Photos;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Photos;

/// <summary>A photo that arrived under <c>photos/</c>.</summary>
internal sealed record PhotoArrival(string Name, ReadOnlyMemory<byte> Content, string? ETag);

/// <summary>
/// Starts the photo-matching pipeline for a new photo. Called once per blob
/// version, at least once (a crash mid-call delivers it again): implementations must be idempotent per name + ETag.
/// </summary>
internal interface IPhotoPipeline
{
    Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken);
}

/// <summary>
/// Records the arrival in the <see cref="TriggerEventLog"/> and starts the batch's <see cref="PhotoMatchOrchestrator"/>
/// (once per batch: a started batch is not started again). A photo dropped straight into a batch folder waits
/// <see cref="PhotoOptions.SettleDelay"/> for its siblings; the upload API's manifest (written after the photos) starts at once.
/// Blobs outside a batch folder, or neither photo nor manifest, are only recorded.
/// </summary>
internal sealed class DurablePhotoPipeline(TriggerEventLog events, PhotoMatchStarter starter) : IPhotoPipeline
{
    public async Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken)
    {
        events.Record("photo", $"{photo.Name} ({photo.Content.Length} bytes, {photo.ETag})");
        var manifest = photo.Name.EndsWith("/" + PhotoBatchStore.ManifestName, StringComparison.Ordinal);
        if (PhotoNames.BatchOf(photo.Name) is { } batchId && (manifest || PhotoNames.RoleOf(photo.Name) is not null))
        {
            await starter.StartAsync(batchId, settle: !manifest, cancellationToken);
        }
    }
}

/// <summary>
/// The photo blob trigger on <c>%Photos:Container%/{name}</c> (setting <c>Photos__Container</c>, default <c>photos</c>).
/// In Azure the Flex Consumption plan delivers it through Event Grid (the template subscribes the container's
/// BlobCreated events to the function); standalone the blob watcher lists the container.
/// </summary>
internal sealed class PhotoArrivedFunction(IPhotoPipeline pipeline)
{
    public const string Name = "PhotoArrived";

    /// <summary>The configuration key of the watched container (app setting <c>Photos__Container</c>).</summary>
    public const string ContainerSetting = "Photos:Container";

    public const string DefaultContainer = "photos";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger("%" + ContainerSetting + "%/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob, CancellationToken cancellationToken)
    {
        var content = await blob.DownloadContentAsync(cancellationToken);
        await pipeline.StartAsync(new PhotoArrival(blob.Name, content.Value.Content.ToMemory(), content.Value.Details.ETag.ToString()), cancellationToken);
    }
}
