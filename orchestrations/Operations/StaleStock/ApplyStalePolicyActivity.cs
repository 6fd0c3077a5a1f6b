using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>
/// Applies the stale-stock policy of a chunk's platform to each of its listings, a few at a time; answers with the
/// listings it acted on (or would have). A failed listing is reported, not thrown, so one bad listing does not fail the
/// chunk; a re-run after a crash finds the already relisted listings fresh and the archived ones no longer live.
/// </summary>
public sealed class ApplyStalePolicyActivity(StaleStockPolicy policy, StaleStockOptions options) : TaskActivity<StaleStockChunk, IReadOnlyList<StaleStockAction>>
{
    public override async Task<IReadOnlyList<StaleStockAction>> RunAsync(TaskActivityContext context, StaleStockChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var results = new IReadOnlyList<StaleStockAction>[input.Skus.Count];
        await Parallel.ForAsync(0, input.Skus.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency) }, async (i, cancellationToken) =>
            results[i] = await policy.ApplyAsync(input.Platform, input.Skus[i], input.DryRun, input.Now, context.InstanceId, cancellationToken));
        return [.. results.SelectMany(r => r)];
    }
}
