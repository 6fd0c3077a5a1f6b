using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// Stock pushes for a ledger change that did not come from a sale workflow (adjustments, returns, imports,
/// rollbacks): a sale's or return's own workflow already updated the platforms, so its event is skipped. Reads only.
/// </summary>
public sealed class PlanStockActivity(ProductCatalog catalog, ListingStore listings, SyncConnectors connectors, DurableTaskClient client)
    : TaskActivity<PropagateStockInput, SalePlan>
{
    public override async Task<SalePlan> RunAsync(TaskActivityContext context, PropagateStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The sale or return workflow of this ledger event updates the platforms itself.
        if (await client.GetInstanceAsync(SaleStarter.InstanceIdFor(input.EventId)) is not null
            || await client.GetInstanceAsync(SaleStarter.ReturnInstanceIdFor(input.EventId)) is not null)
        {
            return new SalePlan(input.Sku, null, input.Quantity, false, [], null, null);
        }

        var product = await catalog.GetAsync(input.Sku);
        var stocked = product?.Stocked ?? false;
        var quantity = product?.Quantity ?? input.Quantity;
        var action = !stocked && quantity == 0 ? StockAction.End : StockAction.SetQuantity;
        var pushes = (await listings.ListAsync(input.Sku))
            .Where(l => l.Platform != input.Source && ListingPusher.Pushable.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Select(l => new StockPush(input.Sku, l.Platform, action, quantity, input.EventId))
            .ToList();
        return new SalePlan(input.Sku, null, quantity, stocked, pushes, product is null ? $"SKU '{input.Sku}' is not in the catalog." : null, null);
    }
}
