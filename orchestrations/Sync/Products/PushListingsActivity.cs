using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// A chunk of one platform's pushes (<see cref="ListingPusher"/>) in one activity call, a few at a time: a full sync's
/// page costs a handful of activities instead of one per listing. Each push is as safe to repeat as
/// <see cref="PushListingActivity"/> (connectors find a listing by SKU, creates are claimed), so a chunk re-run after a
/// crash never lists twice. A push that fails here is not retried here: its outcome says whether it may be retried
/// (<see cref="ChunkPushOutcome.Retryable"/>), and the caller retries those one by one with the durable retry policy.
/// A platform whose connector writes in batches gets its upserts in one call (<see cref="ListingPusher.PushBatchesAsync"/>).
/// </summary>
public sealed class PushListingsActivity(ListingPusher pusher, SyncOptions options) : TaskActivity<IReadOnlyList<ListingPush>, IReadOnlyList<ChunkPushOutcome>>
{
    public override async Task<IReadOnlyList<ChunkPushOutcome>> RunAsync(TaskActivityContext context, IReadOnlyList<ListingPush> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var outcomes = new ChunkPushOutcome[input.Count];
        var batched = await pusher.PushBatchesAsync(input, context.InstanceId);
        var rules = await pusher.QuantityRulesForAsync(input.Where((_, i) => !batched.ContainsKey(i)));
        await Parallel.ForAsync(0, input.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.PushChunkConcurrency) }, async (i, cancellationToken) =>
        {
            var push = input[i];
            if (batched.TryGetValue(i, out var done))
            {
                outcomes[i] = done;
                return;
            }

            try
            {
                outcomes[i] = new ChunkPushOutcome(push.Sku, await pusher.PushAsync(push, context.InstanceId, rules[push.Platform], cancellationToken), false);
            }
            catch (Exception ex)
            {
                // The pusher recorded the failed attempt; a permanent refusal is final, anything else goes back for retries.
                var failed = new ListingPushOutcome(push.Platform, push.Action, false, false, null, null, ex.Message);
                outcomes[i] = new ChunkPushOutcome(push.Sku, failed, ex is not PlatformRejectedException);
            }
        });
        return outcomes;
    }
}
