using Marketplace.Functions.Admin;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Photos;

/// <summary>A photo that arrived under <c>photos/</c>.</summary>
internal sealed record PhotoArrival(string Name, ReadOnlyMemory<byte> Content, string? ETag);

/// <summary>
/// Starts the photo-matching pipeline for a new photo (implemented by the photo issue). Called once per blob
/// version, at least once (a crash mid-call delivers it again): implementations must be idempotent per name + ETag.
/// </summary>
internal interface IPhotoPipeline
{
    Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken);
}

/// <summary>Until the photo pipeline exists: records the arrival in the <see cref="TriggerEventLog"/>.</summary>
internal sealed class RecordingPhotoPipeline(TriggerEventLog events) : IPhotoPipeline
{
    public Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken)
    {
        events.Record("photo", $"{photo.Name} ({photo.Content.Length} bytes, {photo.ETag})");
        return Task.CompletedTask;
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
