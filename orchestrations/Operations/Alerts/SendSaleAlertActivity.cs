using Marketplace.Shared.Operations.Alerts;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Alerts;

/// <summary>Sends one sale alert through the configured <see cref="ISaleAlertSender"/>; a failure is retried by the workflow.</summary>
public sealed class SendSaleAlertActivity(ISaleAlertSender sender) : TaskActivity<SaleAlert, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SaleAlert input)
    {
        await sender.SendAsync(input);
        return true;
    }
}
