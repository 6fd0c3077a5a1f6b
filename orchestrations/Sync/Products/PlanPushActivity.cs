using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>The platforms to push a product to: those it is listed on or due on (PENDING), with a connector, whose listing is older than the product. Reads only.</summary>
public sealed class PlanPushActivity(ProductCatalog catalog, ListingStore listings, SyncConnectors connectors) : TaskActivity<PushProductInput, ProductPushPlan>
{
    public override async Task<ProductPushPlan> RunAsync(TaskActivityContext context, PushProductInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var product = await catalog.GetAsync(input.Sku);
        if (product is null)
        {
            return new ProductPushPlan(input.Sku, null, [], $"SKU '{input.Sku}' is not in the catalog.");
        }

        var action = product.Status == ProductStatus.Archived ? ListingAction.End : ListingAction.Upsert;
        var pushes = (await listings.ListAsync(input.Sku))
            .Where(l => ListingPusher.Pushable.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Where(l => action == ListingAction.End || (l.LastPushedVersion ?? 0) < product.Version)
            .Select(l => new ListingPush(input.Sku, l.Platform, action))
            .ToList();
        return new ProductPushPlan(input.Sku, product.Version, pushes, null);
    }
}
