using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Outbox;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// <see cref="CatalogOrchestrators.PropagateStock"/>: stock propagation of a ledger change that did not come from a
/// sale workflow. One instance per outbox entry; each platform has its own retries and does not fail the others.
/// </summary>
public sealed class PropagateStockOrchestrator(SyncOptions options) : TaskOrchestrator<PropagateStockInput, SaleResult>
{
    public override async Task<SaleResult> RunAsync(TaskOrchestrationContext context, PropagateStockInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<SalePlan>(nameof(PlanStockActivity), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push => SaleOrchestrator.PushAsync(context, push, options.PlatformTaskOptions())));
        return new SaleResult(input.EventId, input.Sku, null, plan.Quantity, outcomes, plan.Problem, null);
    }
}
