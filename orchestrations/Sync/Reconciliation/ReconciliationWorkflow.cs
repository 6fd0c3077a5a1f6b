using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>Input of a reconciliation run: each platform's cursor (orders are pulled from it, with an overlap).</summary>
public sealed record ReconciliationInput(IReadOnlyDictionary<Platform, DateTime> Cursors, string Reason);

/// <summary>One platform's pass.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Since">Orders from here (the previous run's start, minus an overlap).</param>
/// <param name="Until">This run's start: listings the platform changed later are left to the next run.</param>
public sealed record PlatformReconciliationRequest(Platform Platform, DateTime Since, DateTime? Until = null);

/// <summary>A listing whose platform state differs from the catalog, and what was done about it.</summary>
public sealed record ListingDrift(string Sku, Platform Platform, string Kind, string Detail, string Resolution);

/// <summary>One platform's outcome: sales found and started, drift found.</summary>
public sealed record PlatformReconciliation(Platform Platform, int SalesStarted, IReadOnlyList<ListingDrift> Drift, string? Error);

/// <summary>The run's output; <see cref="Cursors"/> are where the next run starts.</summary>
public sealed record ReconciliationResult(IReadOnlyDictionary<Platform, DateTime> Cursors, IReadOnlyList<PlatformReconciliation> Platforms);

/// <summary>
/// Hourly reconciliation (one run at a time: fixed instance id, see <see cref="ReconciliationStarter"/>): per
/// platform in parallel, orders since the platform's cursor feed the sale path (already-seen lines are no-ops),
/// then the listings the platform changed since its pull cursor are compared with the catalog (quantity, price, title,
/// description, status, extra listings: <see cref="ReconciliationPull"/>) and repaired per the ownership rules or staged
/// for review, then every live listing is checked (missing, ended or sold there while ACTIVE here; still live there
/// while sold out here) and repaired or recorded. A failed platform keeps its old cursor and does not stop the others.
/// </summary>
public static class ReconciliationWorkflow
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    public static async Task<ReconciliationResult> ReconciliationOrchestrator(TaskOrchestrationContext context, ReconciliationInput? input, SyncOptions options, IReadOnlyList<Platform> connected)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
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
            return await context.CallActivityAsync<PlatformReconciliation>(nameof(ReconciliationActivities.ReconcilePlatformAsync), new PlatformReconciliationRequest(platform, since, until), retry);
        }
        catch (TaskFailedException ex)
        {
            return new PlatformReconciliation(platform, 0, [], ex.FailureDetails.ErrorMessage);
        }
    }
}
