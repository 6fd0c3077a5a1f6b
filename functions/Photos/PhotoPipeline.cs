using Marketplace.Functions.Admin;
using Marketplace.Functions.Catalog;

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

/// <summary>The <c>photos/{name}</c> blob trigger.</summary>
internal sealed class PhotoArrivedFunction(IPhotoPipeline pipeline) : IBlobFunction
{
    public const string Name = "PhotoArrived";
    /// <summary>Container watched (setting <c>Photos__Container</c>): blobs <c>photos/{name}</c> by default.</summary>
    public const string DefaultContainer = "photos";

    public Task HandleAsync(BlobTriggerInput blob, CancellationToken cancellationToken) =>
        pipeline.StartAsync(new PhotoArrival(blob.Name, blob.Content, blob.ETag), cancellationToken);
}
