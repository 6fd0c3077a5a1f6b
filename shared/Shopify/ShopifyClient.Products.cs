using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>
    /// Creates or updates a product with <c>productSet</c> (synchronous). Without <paramref name="productId"/> the
    /// product is upserted by its SKU custom id, so a retry after a lost response updates the product it created.
    /// </summary>
    /// <exception cref="ShopifyUserErrorException">Shopify rejected the input; <see cref="ShopifyUserError.Field"/> names the field.</exception>
    public async Task<ShopifyProductRef> SetProductAsync(ListingDraft draft, string? productId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var data = await ExecuteAsync("productSet", ShopifyDocuments.ProductSet, w => ShopifyProductMapper.WriteProductSetVariables(w, draft, productId), cancellationToken);
        var payload = data.GetProperty("productSet");
        ShopifyResponses.ThrowOnUserErrors("productSet", payload);
        return ShopifyProductReader.ReadRef(payload.GetProperty("product"));
    }

    /// <summary>Sets a product's status (ACTIVE, DRAFT, ARCHIVED) with <c>productUpdate</c>. Idempotent.</summary>
    public async Task<ShopifyProductRef> SetProductStatusAsync(string productId, string status, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("productUpdate", ShopifyDocuments.ProductUpdateStatus, w =>
        {
            w.WriteStartObject("product");
            w.WriteString("id", productId);
            w.WriteString("status", status);
            w.WriteEndObject();
        }, cancellationToken);
        var payload = data.GetProperty("productUpdate");
        ShopifyResponses.ThrowOnUserErrors("productUpdate", payload);
        return ShopifyProductReader.ReadRef(payload.GetProperty("product"));
    }

    /// <summary>Archives a product (hidden from every channel, kept for history).</summary>
    public Task<ShopifyProductRef> ArchiveProductAsync(string productId, CancellationToken cancellationToken = default) =>
        SetProductStatusAsync(productId, "ARCHIVED", cancellationToken);

    /// <summary>Deletes a product. Returns false when it did not exist (a retried delete is not an error).</summary>
    public async Task<bool> DeleteProductAsync(string productId, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("productDelete", ShopifyDocuments.ProductDelete, w =>
        {
            w.WriteStartObject("input");
            w.WriteString("id", productId);
            w.WriteEndObject();
        }, cancellationToken);
        var payload = data.GetProperty("productDelete");
        var errors = ShopifyResponses.ReadUserErrors(payload);
        if (errors.Count == 1 && errors[0].Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ShopifyResponses.ThrowOnUserErrors("productDelete", payload);
        return true;
    }

    /// <summary>Finds the variant with exactly this SKU (and its product), or null.</summary>
    public async Task<(ShopifyProductRef Product, int? InventoryQuantity)?> FindVariantBySkuAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var data = await ExecuteAsync("productVariants", ShopifyDocuments.VariantBySku, w => WriteSkuQuery(w, sku), cancellationToken);
        foreach (var node in ShopifyProductReader.Nodes(data.GetProperty("productVariants")))
        {
            if (node.OptionalString("sku") != sku)
            {
                continue; // Shopify's search is fuzzy (prefix, tokenised); only an exact match counts.
            }

            var product = ShopifyProductReader.ReadRef(node.GetProperty("product"));
            var quantity = node.TryGetProperty("inventoryQuantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : (int?)null;
            return (product with { VariantId = node.OptionalString("id"), Sku = sku, InventoryItemId = node.GetProperty("inventoryItem").OptionalString("id") }, quantity);
        }

        return null;
    }

    /// <summary>
    /// Products updated at or after <paramref name="since"/> (all when null), oldest first, page by page
    /// (cursor pagination; each page costs points and is paced). A product with its variants, metafields and media
    /// costs 83 points, so 10 a page stays under Shopify's 1,000-point limit for one query.
    /// </summary>
    public async IAsyncEnumerable<ShopifyProduct> GetProductsUpdatedSinceAsync(DateTimeOffset? since, int pageSize = 10, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        var filter = since is { } s ? $"updated_at:>='{s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}'" : null;
        while (true)
        {
            var after = cursor;
            var data = await ExecuteAsync("products", ShopifyDocuments.ProductsPage, w =>
            {
                w.WriteNumber("first", pageSize);
                w.WriteString("after", after);
                w.WriteString("query", filter);
            }, cancellationToken);
            var connection = data.GetProperty("products");
            foreach (var node in ShopifyProductReader.Nodes(connection))
            {
                yield return ShopifyProductReader.ReadProduct(node);
            }

            var page = connection.GetProperty("pageInfo");
            if (!page.GetProperty("hasNextPage").GetBoolean())
            {
                yield break;
            }

            cursor = page.GetProperty("endCursor").GetString();
        }
    }

    /// <summary>Creates the <c>marketplace.sku</c> metafield definition with unique values (needed for custom-id upserts). Idempotent.</summary>
    public async Task EnsureSkuMetafieldDefinitionAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("metafieldDefinitionCreate", ShopifyDocuments.MetafieldDefinitionCreate, w =>
        {
            w.WriteStartObject("definition");
            w.WriteString("name", "Marketplace SKU");
            w.WriteString("namespace", ShopifyProductMapper.Namespace);
            w.WriteString("key", ShopifyProductMapper.SkuKey);
            w.WriteString("type", "single_line_text_field");
            w.WriteString("ownerType", "PRODUCT");
            w.WriteStartObject("capabilities");
            w.WriteStartObject("uniqueValues");
            w.WriteBoolean("enabled", true);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken);
        var payload = data.GetProperty("metafieldDefinitionCreate");
        if (ShopifyResponses.ReadUserErrors(payload).All(e => e.Code == "TAKEN"))
        {
            return;
        }

        ShopifyResponses.ThrowOnUserErrors("metafieldDefinitionCreate", payload);
    }
}
