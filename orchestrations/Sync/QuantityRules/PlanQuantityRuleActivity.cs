using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.QuantityRules;

/// <summary>
/// The listings on the platform whose shown quantity differs between the previous and the current rule (live, linked
/// listings of ACTIVE products); the others are left alone. Reads only.
/// </summary>
public sealed class PlanQuantityRuleActivity(ListingStore listings, ProductCatalog catalog) : TaskActivity<QuantityRuleChange, QuantityRulePlan>
{
    public override async Task<QuantityRulePlan> RunAsync(TaskActivityContext context, QuantityRuleChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pushes = new List<StockPush>();
        var checkedCount = 0;
        await foreach (var listing in listings.QueryAsync(input.Platform))
        {
            if (!ListingPusher.Pushable.Contains(listing.Status) || listing.ExternalId is null)
            {
                continue;
            }

            checkedCount++;
            if (await catalog.GetAsync(listing.Sku) is not { Status: ProductStatus.Active } product)
            {
                continue;
            }

            var current = input.Current.Apply(product.Quantity, product.Stocked);
            if (input.Previous.Apply(product.Quantity, product.Stocked) != current)
            {
                pushes.Add(new StockPush(product.Sku, input.Platform, StockAction.SetQuantity, current, "quantity-rule:" + context.InstanceId));
            }
        }

        return new QuantityRulePlan(input.Platform, checkedCount, pushes);
    }
}
