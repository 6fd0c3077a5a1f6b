using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Operations.Alerts;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Alerts;

/// <summary>
/// Mails one sale alert (<see cref="SendSaleAlertActivity"/>) with the platform retry policy (durable timers, so an SMTP
/// outage delays the mail, never the sale). One instance per order line (<see cref="QueueSaleAlertActivity.InstanceIdFor"/>).
/// Output: false when the retries ran out.
/// </summary>
public sealed class SaleAlertOrchestrator(SyncOptions options) : TaskOrchestrator<SaleAlert, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, SaleAlert input)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await context.CallActivityAsync<bool>(nameof(SendSaleAlertActivity), input, TaskOptions.FromRetryPolicy(options.PlatformRetry));
        }
        catch (TaskFailedException ex)
        {
            context.SetCustomStatus(new { error = ex.FailureDetails.ErrorMessage });
            return false;
        }
    }
}
