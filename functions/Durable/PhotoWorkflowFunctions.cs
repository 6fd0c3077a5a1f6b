using Marketplace.Orchestrations.Photos;
using Marketplace.Shared.Photos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>
/// Under the Functions host, the trigger functions of the photo workflow (<see cref="PhotoMatchOrchestrator"/> and its
/// activities), one line each like <see cref="SyncOrchestrationFunctions"/> and <see cref="SyncActivityFunctions"/>.
/// </summary>
internal static class PhotoWorkflowFunctions
{
    [Function(nameof(PhotoMatchOrchestrator))]
    public static Task<PhotoMatchResult> RunPhotoMatchOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<PhotoMatchOrchestrator, PhotoMatchInput, PhotoMatchResult>(context, executionContext);

    [Function(nameof(LoadPhotoBatchActivity))]
    public static Task<PhotoBatchManifest?> RunLoadPhotoBatchActivity([ActivityTrigger] string input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<LoadPhotoBatchActivity, string, PhotoBatchManifest?>(input, instanceId, executionContext);

    [Function(nameof(ReadPhotoTextActivity))]
    public static Task<PhotoText> RunReadPhotoTextActivity([ActivityTrigger] PhotoTextRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<ReadPhotoTextActivity, PhotoTextRequest, PhotoText>(input, instanceId, executionContext);

    [Function(nameof(MatchPhotoBatchActivity))]
    public static Task<IReadOnlyList<ReleaseCandidate>> RunMatchPhotoBatchActivity([ActivityTrigger] PhotoMatchRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<MatchPhotoBatchActivity, PhotoMatchRequest, IReadOnlyList<ReleaseCandidate>>(input, instanceId, executionContext);

    [Function(nameof(CreatePhotoDraftActivity))]
    public static Task<PhotoDraft> RunCreatePhotoDraftActivity([ActivityTrigger] PhotoDraftRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<CreatePhotoDraftActivity, PhotoDraftRequest, PhotoDraft>(input, instanceId, executionContext);

    [Function(nameof(RecordPhotoBatchActivity))]
    public static Task<bool> RunRecordPhotoBatchActivity([ActivityTrigger] PhotoRecordRequest input, string instanceId, FunctionContext executionContext) =>
        DurableFunctionRunner.RunAsync<RecordPhotoBatchActivity, PhotoRecordRequest, bool>(input, instanceId, executionContext);
}
