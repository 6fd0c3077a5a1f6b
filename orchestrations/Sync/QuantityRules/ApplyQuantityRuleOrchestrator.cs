using Marketplace.Orchestrations.Sync.Sales;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.QuantityRules;

/// <summary>
/// Re-pushes the listings a quantity-rule change affects (<see cref="PlanQuantityRuleActivity"/>) through
/// <see cref="PushStockActivity"/>, which sends the quantity the rule in force gives when the push runs. Each listing has
/// its own retries; a failure is reported in the output and does not stop the others.
/// </summary>
public sealed class ApplyQuantityRuleOrchestrator(SyncOptions options) : TaskOrchestrator<QuantityRuleChange, QuantityRuleResult>
{
    public override async Task<QuantityRuleResult> RunAsync(TaskOrchestrationContext context, QuantityRuleChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<QuantityRulePlan>(nameof(PlanQuantityRuleActivity), input, TaskOptions.FromRetryPolicy(options.StorageRetry));
        context.SetCustomStatus(new { stage = "pushing", listings = plan.Pushes.Count });
        var outcomes = await Task.WhenAll(plan.Pushes.Select(push => SaleOrchestrator.PushAsync(context, push, options.PlatformTaskOptions())));
        var pushed = plan.Pushes.Zip(outcomes, (push, outcome) => new RepushedListing(push.Sku, push.Quantity, outcome.Succeeded, outcome.Error)).ToList();
        return new QuantityRuleResult(input.Platform, plan.Checked, pushed);
    }
}
