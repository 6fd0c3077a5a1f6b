using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>
/// Checks (and unless a dry run, repairs) the images of a chunk of listings on one platform, a few at a time. Each
/// listing's result (each shop's, for a listing in several shops) is in the output, failures included, so one bad listing does not fail the chunk; a re-run after a
/// crash finds the already-repaired listings complete.
/// </summary>
public sealed class CheckListingImagesActivity(ListingImageRemediator remediator, ImageRemediationOptions options) : TaskActivity<ImageCheckChunk, IReadOnlyList<ImageCheckResult>>
{
    public override async Task<IReadOnlyList<ImageCheckResult>> RunAsync(TaskActivityContext context, ImageCheckChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var results = new IReadOnlyList<ImageCheckResult>[input.Skus.Count];
        await Parallel.ForAsync(0, input.Skus.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency) }, async (i, cancellationToken) =>
            results[i] = await remediator.CheckAsync(input.Platform, input.Skus[i], input.DryRun, context.InstanceId, cancellationToken));
        return [.. results.SelectMany(r => r)];
    }
}
