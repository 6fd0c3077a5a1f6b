using Marketplace.Shared.Photos;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Photos;

/// <summary>The batch's manifest (or, for photos dropped straight into the container, the photos in its folder); null when it has none. Reads only.</summary>
public sealed class LoadPhotoBatchActivity(PhotoBatchStore store) : TaskActivity<string, PhotoBatchManifest?>
{
    public override Task<PhotoBatchManifest?> RunAsync(TaskActivityContext context, string input) =>
        store.ReadManifestAsync(input, CancellationToken.None);
}
