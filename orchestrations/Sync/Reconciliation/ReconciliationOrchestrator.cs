using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>
/// Hourly reconciliation (one run at a time: fixed instance id, see <see cref="ReconciliationStarter"/>): per
/// platform in parallel, orders since the platform's cursor feed the sale path (already-seen lines are no-ops),
/// then the listings the platform changed since its pull cursor are compared with the catalog (quantity, price, title,
/// description, status, extra listings: <see cref="ReconciliationPull"/>) and repaired per the ownership rules or staged
/// for review, then every live listing is checked (missing, ended or sold there while ACTIVE here; still live there
/// while sold out here) and repaired or recorded. A failed platform keeps its old cursor and does not stop the others.
/// </summary>
public sealed class ReconciliationOrchestrator(SyncOptions options, SyncConnectors connectors) : TaskOrchestrator<ReconciliationInput, ReconciliationResult>
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    public override async Task<ReconciliationResult> RunAsync(TaskOrchestrationContext context, ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var connected = connectors.Platforms;
        var started = context.CurrentUtcDateTime;
        var retry = options.PlatformTaskOptions();
        var passes = await Task.WhenAll(connected.Select(platform => PassAsync(context, platform,
            input.Cursors.TryGetValue(platform, out var since) ? since - Overlap : started - TimeSpan.FromDays(1), started, retry)));
        var cursors = new Dictionary<Platform, DateTime>(input.Cursors);
        foreach (var pass in passes.Where(p => p.Error is null))
        {
            cursors[pass.Platform] = started;
        }

        return new ReconciliationResult(cursors, passes);
    }

    private static async Task<PlatformReconciliation> PassAsync(TaskOrchestrationContext context, Platform platform, DateTime since, DateTime until, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<PlatformReconciliation>(nameof(ReconcilePlatformActivity), new PlatformReconciliationRequest(platform, since, until), retry);
        }
        catch (TaskFailedException ex)
        {
            return new PlatformReconciliation(platform, 0, [], ex.FailureDetails.ErrorMessage);
        }
    }
}
