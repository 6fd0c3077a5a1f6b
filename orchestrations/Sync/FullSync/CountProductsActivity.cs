using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>How many products a push sync covers (ACTIVE products, or the selected SKUs). Reads only.</summary>
public sealed class CountProductsActivity(ProductCatalog catalog) : TaskActivity<FullSyncRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, FullSyncRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Scope == SyncScope.Selective)
        {
            return input.Skus.Count;
        }

        var total = 0;
        string? cursor = null;
        do
        {
            var page = await catalog.SearchAsync(new ProductQuery(Status: ProductStatus.Active, Cursor: cursor, PageSize: ProductCatalog.MaxPageSize));
            total += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return total;
    }
}
