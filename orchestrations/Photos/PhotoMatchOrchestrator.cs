using Marketplace.Shared.Photos;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Photos;

/// <summary>
/// One photo batch, from photos to a draft (instance id <c>photo-{batchId}</c>, so a batch runs once): load the batch,
/// read every photo in parallel (OCR unavailable: the batch goes on with the hints alone), search Discogs and score
/// the releases, then either make the DRAFT product and its change set, or record the batch UNMATCHED with its top
/// candidates and wait for the operator's <see cref="ResolveEvent"/> (a release id) before making the draft. Each stage
/// is saved for the status route and written to the audit trail; progress is in the custom status.
/// </summary>
public sealed class PhotoMatchOrchestrator(PhotoOptions options) : TaskOrchestrator<PhotoMatchInput, PhotoMatchResult>
{
    /// <summary>The event an unmatched batch waits for (<see cref="PhotoResolution"/>).</summary>
    public const string ResolveEvent = "Resolve";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), 2));

    public override async Task<PhotoMatchResult> RunAsync(TaskOrchestrationContext context, PhotoMatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Settle && options.SettleDelay > TimeSpan.Zero)
        {
            await context.CreateTimer(options.SettleDelay, CancellationToken.None);
        }

        var record = new PhotoBatchRecord { BatchId = input.BatchId, Stage = "RECEIVED" };
        try
        {
            var batch = await context.CallActivityAsync<PhotoBatchManifest?>(nameof(LoadPhotoBatchActivity), input.BatchId, Retry);
            if (batch is null)
            {
                return await FailAsync(context, record, "The batch has no photos.");
            }

            record = record with { Stage = "READING", Images = batch.Images, Hints = batch.Hints };
            await SaveAsync(context, record, "photo.received", $"{batch.Images.Count} photos: {string.Join(", ", batch.Images.Select(i => i.Role))}");
            var texts = await Task.WhenAll(batch.Images.Select(image => context.CallActivityAsync<PhotoText>(nameof(ReadPhotoTextActivity), new PhotoTextRequest(input.BatchId, image), Retry)));
            record = record with { Stage = "MATCHING", Texts = texts };
            await SaveAsync(context, record, "photo.ocr", string.Join("; ", texts.Select(t => $"{t.Role}: {t.Lines.Count} lines" + (t.Error is null ? string.Empty : $" ({t.Error})"))));

            var candidates = await context.CallActivityAsync<IReadOnlyList<ReleaseCandidate>>(nameof(MatchPhotoBatchActivity), new PhotoMatchRequest(input.BatchId, batch.Hints, texts), Retry);
            var decision = ReleaseScorer.Decide(candidates, options.MatchThreshold, options.MatchMargin);
            record = record with { Candidates = [.. candidates.Take(5)], Decision = decision };
            if (decision.ReleaseId is not { } releaseId)
            {
                record = record with { Stage = "UNMATCHED" };
                await SaveAsync(context, record, "photo.unmatched", decision.Reason);
                var resolution = await context.WaitForExternalEvent<PhotoResolution>(ResolveEvent, options.ResolveTimeout);
                releaseId = resolution.ReleaseId;
                record = record with { Stage = "MATCHING", Decision = new PhotoDecision(PhotoDecision.Matched, releaseId, $"Release {releaseId} chosen by {resolution.By ?? "the operator"}.") };
                await SaveAsync(context, record, "photo.resolve", record.Decision.Reason);
            }

            var draft = await context.CallActivityAsync<PhotoDraft>(nameof(CreatePhotoDraftActivity), new PhotoDraftRequest(input.BatchId, releaseId), Retry);
            record = record with { Stage = "DRAFTED", Draft = draft };
            await SaveAsync(context, record, "photo.draft", $"{draft.Sku} from Discogs release {releaseId}, change set {draft.ChangeSetId}");
            return new PhotoMatchResult(input.BatchId, record.Stage, record.Decision, draft);
        }
        catch (TaskFailedException ex)
        {
            return await FailAsync(context, record, ex.FailureDetails.ErrorMessage);
        }
        catch (TaskCanceledException)
        {
            return await FailAsync(context, record with { Stage = "UNMATCHED" }, $"No release was chosen within {options.ResolveTimeout}.");
        }
    }

    private static async Task SaveAsync(TaskOrchestrationContext context, PhotoBatchRecord record, string action, string detail, bool failure = false)
    {
        context.SetCustomStatus(new PhotoMatchProgress(record.Stage, record.Images.Count, record.Candidates.Count, record.Draft?.Sku));
        await context.CallActivityAsync(nameof(RecordPhotoBatchActivity), new PhotoRecordRequest(record, action, detail, failure), Retry);
    }

    private static async Task<PhotoMatchResult> FailAsync(TaskOrchestrationContext context, PhotoBatchRecord record, string error)
    {
        var failed = record with { Stage = record.Stage == "UNMATCHED" ? "UNMATCHED" : "FAILED", Error = error };
        await SaveAsync(context, failed, "photo.failed", error, failure: true);
        return new PhotoMatchResult(record.BatchId, failed.Stage, record.Decision, null, error);
    }
}
