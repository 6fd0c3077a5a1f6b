using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>
/// One platform's image check (<see cref="ImageRemediationStarter"/> starts one per platform): the SKU asked for, or
/// every live listing, in chunks of <see cref="ImageRemediationOptions.ChunkSize"/> with a few chunks in flight; progress
/// in the custom status; the report lists every listing that was not already complete.
/// </summary>
public sealed class ImageRemediationOrchestrator(SyncOptions syncOptions, ImageRemediationOptions options) : TaskOrchestrator<ImageRemediationInput, ImageRemediationReport>
{
    public override async Task<ImageRemediationReport> RunAsync(TaskOrchestrationContext context, ImageRemediationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var storage = TaskOptions.FromRetryPolicy(syncOptions.StorageRetry);
        var skus = input.Sku is { } sku ? [sku] : await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), input.Platform, storage);
        var chunks = skus.Chunk(Math.Max(1, options.ChunkSize)).Select(c => new ImageCheckChunk(input.Platform, c, input.DryRun)).ToList();
        var results = new List<ImageCheckResult>(skus.Count);
        var retry = syncOptions.PlatformTaskOptions();
        foreach (var wave in chunks.Chunk(Math.Max(1, options.ParallelChunks)))
        {
            var done = await Task.WhenAll(wave.Select(c => context.CallActivityAsync<IReadOnlyList<ImageCheckResult>>(nameof(CheckListingImagesActivity), c, retry)));
            results.AddRange(done.SelectMany(r => r));
            context.SetCustomStatus(new { checkedListings = results.Count, total = skus.Count });
        }

        int Count(string outcome) => results.Count(r => r.Outcome == outcome);
        return new ImageRemediationReport(input.Platform, input.DryRun, results.Count, Count(ImageCheckOutcomes.Ok), Count(ImageCheckOutcomes.Fixed),
            Count(ImageCheckOutcomes.WouldFix), Count(ImageCheckOutcomes.NotListed), Count(ImageCheckOutcomes.Failed),
            results.Where(r => r.Outcome != ImageCheckOutcomes.Ok || r.MissingBlobs.Count > 0).ToList());
    }
}
