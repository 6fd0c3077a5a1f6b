using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// A cancellation, void or restocking refund of an order line that may already hold stock: one instance per line and
/// level (<see cref="SaleStarter.ReturnInstanceIdFor(SaleEvent)"/>). <see cref="ApplySaleActivity"/> gives the
/// difference back as a ledger RETURN (once, whatever the order of deliveries), then every platform gets the catalog's
/// quantity and a one-off that was ended or sold is relisted, like a sale with the opposite sign.
/// </summary>
public sealed class ReturnOrchestrator(SyncOptions options) : TaskOrchestrator<SaleEvent, SaleResult>
{
    public override Task<SaleResult> RunAsync(TaskOrchestrationContext context, SaleEvent input) => SaleOrchestrator.RunLineAsync(context, input, options);
}
