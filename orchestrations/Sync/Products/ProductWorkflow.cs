using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Outbox;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// The orchestrators the catalog's outbox asks for (<see cref="CatalogOrchestrators"/>): publish/edit propagation
/// of a product to every platform it is listed or due on, and stock propagation of a ledger change. One instance
/// per outbox entry (its id); each platform has its own retries, and a failing platform does not fail the others.
/// </summary>
public static class ProductWorkflow
{
    /// <summary><see cref="CatalogOrchestrators.PushProduct"/>.</summary>
    public static async Task<ProductPushResult> PushProductOrchestrator(TaskOrchestrationContext context, PushProductInput? input, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var plan = await context.CallActivityAsync<ProductPushPlan>(nameof(ProductActivities.PlanPushAsync), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
        var retry = options.PlatformTaskOptions();
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push => PushAsync(context, push, retry)));
        return new ProductPushResult(plan.Sku, plan.Version, outcomes, plan.Problem);
    }

    /// <summary><see cref="CatalogOrchestrators.PropagateStock"/>.</summary>
    public static async Task<SaleResult> PropagateStockOrchestrator(TaskOrchestrationContext context, PropagateStockInput? input, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var plan = await context.CallActivityAsync<SalePlan>(nameof(ProductActivities.PlanStockAsync), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push => SaleWorkflow.PushAsync(context, push, options.PlatformTaskOptions())));
        return new SaleResult(input.EventId, input.Sku, null, plan.Quantity, outcomes, plan.Problem, null);
    }

    private static async Task<ListingPushOutcome> PushAsync(TaskOrchestrationContext context, ListingPush push, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<ListingPushOutcome>(nameof(ProductActivities.PushListingAsync), push, retry);
        }
        catch (TaskFailedException ex)
        {
            return new ListingPushOutcome(push.Platform, push.Action, false, false, null, null, ex.FailureDetails.ErrorMessage);
        }
    }
}
