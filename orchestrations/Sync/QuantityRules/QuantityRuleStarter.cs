using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.QuantityRules;

/// <summary>
/// Changes a platform's quantity rule: stores it (<see cref="QuantityRuleStore"/>), then starts
/// <see cref="ApplyQuantityRuleOrchestrator"/> for the listings whose shown quantity changes. Returns the instance id,
/// or null when the rule did not change.
/// </summary>
public sealed class QuantityRuleStarter(QuantityRuleStore rules, DurableTaskClient client, TimeProvider time)
{
    /// <exception cref="CatalogValidationException">The rule is invalid.</exception>
    public async Task<string?> ChangeAsync(Platform platform, QuantityRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var previous = await rules.SetAsync(platform, rule, cancellationToken);
        if (previous == rule)
        {
            return null;
        }

        var instanceId = $"quantity-rule-{platform.ToWire()}-{Guid.CreateVersion7(time.GetUtcNow()):N}";
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApplyQuantityRuleOrchestrator), new QuantityRuleChange(platform, previous, rule),
            new StartOrchestrationOptions(instanceId), cancellationToken);
        return instanceId;
    }
}
