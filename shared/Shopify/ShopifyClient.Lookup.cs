using System.Text.Json;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>The product whose variant has exactly this SKU (with variants, marketplace metafields and images), or null.</summary>
    public async Task<ShopifyProduct?> GetProductBySkuAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var data = await ExecuteAsync("productVariants", ShopifyDocuments.VariantBySkuWithProduct, w => WriteSkuQuery(w, sku), cancellationToken);
        foreach (var node in ShopifyProductReader.Nodes(data.GetProperty("productVariants")))
        {
            // Shopify's search is fuzzy (prefix, tokenised); only an exact match counts.
            if (node.OptionalString("sku") == sku && node.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object)
            {
                return ShopifyProductReader.ReadProduct(product);
            }
        }

        return null;
    }

    // Variables of a productVariants search for one SKU (a few hits: the search is fuzzy, callers keep the exact match).
    private static void WriteSkuQuery(Utf8JsonWriter writer, string sku)
    {
        writer.WriteNumber("first", 5);
        writer.WriteString("query", $"sku:\"{sku.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
    }

    /// <summary>The SKU of the variant an inventory item belongs to (inventory webhooks name only the item), or null when unknown.</summary>
    public async Task<string?> GetInventoryItemSkuAsync(string inventoryItemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inventoryItemId);
        var data = await ExecuteAsync("inventoryItem", ShopifyDocuments.InventoryItemVariant, w => w.WriteString("id", inventoryItemId), cancellationToken);
        var item = data.GetProperty("inventoryItem");
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var variantSku = item.TryGetProperty("variant", out var variant) && variant.ValueKind == JsonValueKind.Object ? variant.OptionalString("sku") : null;
        return variantSku is { Length: > 0 } ? variantSku : item.OptionalString("sku") is { Length: > 0 } sku ? sku : null;
    }
}
