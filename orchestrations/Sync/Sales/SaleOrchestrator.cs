using Marketplace.Orchestrations.Operations.Alerts;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Sale propagation: one instance per order line (<see cref="SaleStarter.InstanceIdFor(SaleEvent)"/>). Applies the line to
/// the ledger (<see cref="ApplySaleActivity"/>: sold, or recorded without stock for a test/voided/cancelled order), which
/// also updates every other platform the item is listed on once, in parallel; a platform whose update failed for a reason
/// a retry may fix gets <see cref="PushStockActivity"/> with its own retries on durable timers.
/// A platform that still fails after its retries is reported in the output (and its attempts in the audit trail);
/// it does not stop the others.
/// </summary>
public sealed class SaleOrchestrator(SyncOptions options, Shared.Operations.Alerts.SaleAlertOptions? alerts = null) : TaskOrchestrator<SaleEvent, SaleResult>
{
    // With no alert recipients configured the sale does not wait for an alert activity.
    public override Task<SaleResult> RunAsync(TaskOrchestrationContext context, SaleEvent input) => RunLineAsync(context, input, options, alert: alerts?.Enabled ?? false);

    /// <summary>Apply the line, then push to every planned platform (shared with <see cref="ReturnOrchestrator"/>).</summary>
    internal static async Task<SaleResult> RunLineAsync(TaskOrchestrationContext context, SaleEvent input, SyncOptions options, bool alert = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await ApplyAsync(context, input, options);
        var alerting = alert ? SaleAlertHook.QueueAsync(context, input, plan) : Task.CompletedTask;
        context.SetCustomStatus(new { stage = "propagating", platforms = plan.Pushes.Count });
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push =>
            plan.Settled.FirstOrDefault(s => s.Platform == push.Platform) is { } settled
                ? Task.FromResult(settled)
                : PushAsync(context, push, options.PlatformTaskOptions())));
        await alerting;
        context.SetCustomStatus(new { stage = "done", platforms = plan.Pushes.Count, failed = outcomes.Count(o => !o.Succeeded) });
        return new SaleResult(input.EventId, plan.Sku, plan.Outcome, plan.Quantity, outcomes, plan.Problem, plan.Oversell, plan.Line);
    }

    // The ledger step must not be lost to a storage outage longer than its retries: wait (durable timer, visible as
    // "waiting-retry") and run it again, a bounded number of rounds with backoff (SyncOptions.SaleRetry).
    private static async Task<SalePlan> ApplyAsync(TaskOrchestrationContext context, SaleEvent input, SyncOptions options)
    {
        var delay = options.SaleRetry.FirstRetryInterval;
        for (var round = 1; ; round++)
        {
            try
            {
                return await context.CallActivityAsync<SalePlan>(nameof(ApplySaleActivity), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
            }
            catch (TaskFailedException ex) when (round < options.SaleRetry.MaxNumberOfAttempts)
            {
                var retryAt = context.CurrentUtcDateTime + delay;
                context.SetCustomStatus(new { stage = "waiting-retry", round, rounds = options.SaleRetry.MaxNumberOfAttempts, retryAt, error = ex.FailureDetails.ErrorMessage });
                await context.CreateTimer(retryAt, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * options.SaleRetry.BackoffCoefficient), options.SaleRetry.MaxRetryInterval.Ticks));
            }
        }
    }

    /// <summary>Runs <see cref="PushStockActivity"/>; a failure after the retries becomes a failed outcome.</summary>
    internal static async Task<StockPushOutcome> PushAsync(TaskOrchestrationContext context, StockPush push, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<StockPushOutcome>(nameof(PushStockActivity), push, retry);
        }
        catch (TaskFailedException ex)
        {
            return new StockPushOutcome(push.Platform, push.Action, false, ex.FailureDetails.ErrorMessage);
        }
    }
}
