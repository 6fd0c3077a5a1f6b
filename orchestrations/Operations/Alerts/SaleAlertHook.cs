using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Operations.Alerts;

/// <summary>
/// The sale workflow's side of the alerts: hands a taken (or oversold) line to <see cref="QueueSaleAlertActivity"/>, which
/// starts the alert's own workflow. A failure here never fails the sale.
/// </summary>
internal static class SaleAlertHook
{
    public static async Task QueueAsync(TaskOrchestrationContext context, SaleEvent sale, SalePlan plan)
    {
        if (plan.Outcome is not (LedgerOutcome.Applied or LedgerOutcome.Oversold) || sale.CommittedQuantity <= 0)
        {
            return;
        }

        try
        {
            await context.CallActivityAsync<bool>(nameof(QueueSaleAlertActivity), new SaleAlertRequest(sale, plan.Outcome.Value, plan.Quantity, plan.Oversell?.Shortfall ?? 0));
        }
        catch (TaskFailedException)
        {
            // The alert is lost, not the sale: the oversell report and the audit trail still have the line.
        }
    }
}
