using Marketplace.Shared.Catalog;
using Marketplace.Shared.Photos;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Photos;

/// <summary>Makes the batch's DRAFT product and its change set from the release (idempotent by batch: see <see cref="PhotoDraftFactory"/>).</summary>
public sealed class CreatePhotoDraftActivity(PhotoBatchStore store, PhotoDraftFactory drafts) : TaskActivity<PhotoDraftRequest, PhotoDraft>
{
    public override async Task<PhotoDraft> RunAsync(TaskActivityContext context, PhotoDraftRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var batch = await store.ReadManifestAsync(input.BatchId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Photo batch {input.BatchId} has no photos.");
        return await drafts.CreateAsync(batch, input.ReleaseId, new CatalogActor("photos", context.InstanceId), CancellationToken.None);
    }
}
