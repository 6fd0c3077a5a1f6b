using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// <see cref="CatalogOrchestrators.PushProduct"/>: publish/edit propagation of a product to every platform it is
/// listed or due on. One instance per outbox entry (its id); each platform has its own retries, and a failing
/// platform does not fail the others. Vintage &amp; Rare's browser step is handed to its own background orchestration.
/// </summary>
public sealed class PushProductOrchestrator(SyncOptions options) : TaskOrchestrator<PushProductInput, ProductPushResult>
{
    public override async Task<ProductPushResult> RunAsync(TaskOrchestrationContext context, PushProductInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<ProductPushPlan>(nameof(PlanPushActivity), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
        var retry = options.PlatformTaskOptions();
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push => push.Platform == Platform.VintageAndRare
            ? context.CallActivityAsync<ListingPushOutcome>(nameof(StartVintageAndRareListingActivity), push, TaskOptions.FromRetryPolicy(options.StorageRetry))
            : PushAsync(context, push, retry)));
        return new ProductPushResult(plan.Sku, plan.Version, outcomes, plan.Problem);
    }

    /// <summary>Runs <see cref="PushListingActivity"/>; a failure after the retries becomes a failed outcome.</summary>
    internal static async Task<ListingPushOutcome> PushAsync(TaskOrchestrationContext context, ListingPush push, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<ListingPushOutcome>(nameof(PushListingActivity), push, retry);
        }
        catch (TaskFailedException ex)
        {
            return new ListingPushOutcome(push.Platform, push.Action, false, false, null, null, ex.FailureDetails.ErrorMessage);
        }
    }
}
