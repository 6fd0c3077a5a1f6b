using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Operations.Alerts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Operations.Alerts;

/// <summary>
/// Starts the alert workflow of a sale (<see cref="SaleAlertOrchestrator"/>) under an instance id derived from the line's
/// event id: a repeated sale event finds the instance and starts nothing, so each line is mailed once. Returns whether it
/// started one (false also when alerts are off).
/// </summary>
public sealed class QueueSaleAlertActivity(SaleAlertOptions options, ProductCatalog catalog, DurableTaskClient client) : TaskActivity<SaleAlertRequest, bool>
{
    /// <summary>The alert instance id for a sale's event id.</summary>
    public static string InstanceIdFor(string eventId) => "alert-" + SaleStarter.InstanceIdFor(eventId);

    public override async Task<bool> RunAsync(TaskActivityContext context, SaleAlertRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = InstanceIdFor(input.Sale.EventId);
        if (!options.Enabled || await client.GetInstanceAsync(id) is not null)
        {
            return false;
        }

        var sale = input.Sale;
        PlatformNames.TryParse(sale.Platform, out var platform);
        var alert = new SaleAlert
        {
            EventId = sale.EventId, Sku = sale.Sku, Title = (await catalog.GetAsync(sale.Sku))?.Title, Platform = platform, OrderId = sale.OrderId,
            Quantity = sale.CommittedQuantity, UnitPrice = sale.UnitPrice, Currency = sale.Currency, OccurredAt = sale.OccurredAt,
            QuantityLeft = input.QuantityLeft, Shortfall = input.Shortfall,
        };
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(SaleAlertOrchestrator), alert, new StartOrchestrationOptions(id));
        return true;
    }
}
