namespace Marketplace.Shared.Shopify;

/// <summary>A product as read back from Shopify (pull, bulk export).</summary>
public sealed record ShopifyProduct
{
    public required string Id { get; init; }
    public string Handle { get; init; } = string.Empty;
    public string Title { get; init; } = string.Empty;
    public string DescriptionHtml { get; init; } = string.Empty;
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }

    /// <summary>Taxonomy category gid, e.g. <c>gid://shopify/TaxonomyCategory/ae-2-1</c>.</summary>
    public string? CategoryId { get; init; }

    /// <summary>ACTIVE, DRAFT or ARCHIVED.</summary>
    public string Status { get; init; } = "ACTIVE";
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<ShopifyVariant> Variants { get; init; } = [];
    public IReadOnlyList<ShopifyMetafield> Metafields { get; init; } = [];

    /// <summary>Image URLs in media order.</summary>
    public IReadOnlyList<string> ImageUrls { get; init; } = [];
}

/// <summary>A product variant (one per SKU).</summary>
public sealed record ShopifyVariant(string Id, string? Sku, decimal Price, string? InventoryItemId, int? InventoryQuantity);

/// <summary>A metafield value.</summary>
public sealed record ShopifyMetafield(string Namespace, string Key, string Type, string Value);

/// <summary>Where a product and its (first) variant live after a write.</summary>
public sealed record ShopifyProductRef(string ProductId, string Handle, string Status, string? VariantId, string? InventoryItemId, string? Sku);

/// <summary>The result of one line of a bulk <c>productSet</c> import.</summary>
/// <param name="Sku">The SKU of the draft on that line.</param>
/// <param name="Product">The product written, or null when the line failed.</param>
/// <param name="UserErrors">Why the line failed (field paths point into that line's variables).</param>
public sealed record ShopifyBulkImportResult(string Sku, ShopifyProductRef? Product, IReadOnlyList<ShopifyUserError> UserErrors)
{
    public bool Succeeded => Product is not null && UserErrors.Count == 0;
}
