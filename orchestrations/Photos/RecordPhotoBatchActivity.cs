using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Photos;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Photos;

/// <summary>
/// Saves the batch's state for the status route and writes the step to the audit trail (subject <c>photo-{batchId}</c>).
/// At least once: a retry saves the same state again and may write the audit line twice.
/// </summary>
public sealed class RecordPhotoBatchActivity(PhotoBatchStore store, AuditLog audit) : TaskActivity<PhotoRecordRequest, bool>
{
    /// <summary>The audit subject of a batch.</summary>
    public static string AuditSubject(string batchId) => "photo-" + batchId;

    public override async Task<bool> RunAsync(TaskActivityContext context, PhotoRecordRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await store.SaveAsync(input.Record, CancellationToken.None);
        await audit.RecordAsync(AuditSubject(input.Record.BatchId), new CatalogActor("photos", context.InstanceId), input.Action,
            input.Failure ? AuditOutcome.Failure : AuditOutcome.Success, Platform.Discogs, input.Detail.Length > 500 ? input.Detail[..500] : input.Detail, CancellationToken.None);
        return true;
    }
}
