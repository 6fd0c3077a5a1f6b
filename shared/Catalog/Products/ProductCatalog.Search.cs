using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>Filters of a product search; all optional, combined with AND. <see cref="Text"/> matches SKU, title, brand or model (case-insensitive substring).</summary>
public sealed record ProductQuery(string? Text = null, ProductStatus? Status = null, string? Brand = null, string? Category = null,
    Handedness? Handedness = null, bool? InStock = null, string? Cursor = null, int PageSize = 50);

/// <summary>One page of products in SKU order; pass <see cref="NextCursor"/> back for the next page (null: last page).</summary>
public sealed record ProductPage(IReadOnlyList<Product> Items, string? NextCursor);

public sealed partial class ProductCatalog
{
    /// <summary>Largest page size.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// Products matching <paramref name="query"/>, in SKU order, one page at a time: the product key range of each
    /// partition (after the cursor), narrowed by the property filters, merged by SKU; never rows of other kinds.
    /// </summary>
    public async Task<ProductPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw CatalogValidationException.For("pageSize", $"The page size is between 1 and {MaxPageSize}.");
        }

        var filters = new List<string>();
        if (query.Cursor is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey gt {CatalogKeys.ProductRow(query.Cursor)}"));
        }

        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {CatalogBatch.Wire(status)}"));
        }

        if (!string.IsNullOrWhiteSpace(query.Brand))
        {
            filters.Add(TableClient.CreateQueryFilter($"Brand eq {query.Brand}"));
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            filters.Add(TableClient.CreateQueryFilter($"Category eq {query.Category}"));
        }

        if (query.Handedness is { } handedness)
        {
            filters.Add(TableClient.CreateQueryFilter($"Handedness eq {CatalogBatch.Wire(handedness)}"));
        }

        if (query.InStock is { } inStock)
        {
            filters.Add(inStock ? "Quantity gt 0" : "Quantity eq 0");
        }

        var text = query.Text?.Trim().ToLowerInvariant();
        var items = new List<Product>(query.PageSize);
        var more = false;
        // Each partition's range is read a page at a time; text is matched here, so a text search reads full pages.
        var perPartitionPage = string.IsNullOrEmpty(text) ? query.PageSize + 1 : 1000;
        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.Product, CatalogFilter.All(filters), perPartitionPage, cancellationToken))
        {
            if (!string.IsNullOrEmpty(text) && entity.GetString("SearchText")?.Contains(text, StringComparison.Ordinal) != true)
            {
                continue;
            }

            if (items.Count == query.PageSize)
            {
                more = true;
                break;
            }

            items.Add(CatalogTable.ToStoredProduct(entity).Product);
        }

        return new ProductPage(items, more ? items[^1].Sku : null);
    }

    /// <summary>Every product in SKU order, streamed (for export).</summary>
    public async IAsyncEnumerable<Product> ListAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryKindAsync(CatalogKeys.Product, cancellationToken: cancellationToken))
        {
            yield return CatalogTable.ToStoredProduct(entity).Product;
        }
    }
}
