using System.Globalization;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

/// <summary>Reads products, variants and references from response JSON.</summary>
internal static class ShopifyProductReader
{
    public static ShopifyProductRef ReadRef(JsonElement product)
    {
        var variant = product.TryGetProperty("variants", out var variants) ? Nodes(variants).FirstOrDefault() : default;
        return new ShopifyProductRef(
            product.GetProperty("id").GetString()!,
            product.OptionalString("handle") ?? string.Empty,
            product.OptionalString("status") ?? "ACTIVE",
            variant.ValueKind == JsonValueKind.Object ? variant.OptionalString("id") : null,
            variant.ValueKind == JsonValueKind.Object && variant.TryGetProperty("inventoryItem", out var item) ? item.OptionalString("id") : null,
            variant.ValueKind == JsonValueKind.Object ? variant.OptionalString("sku") : null);
    }

    public static ShopifyProduct ReadProduct(JsonElement node) =>
        ReadScalars(node) with
        {
            Variants = node.TryGetProperty("variants", out var v) ? Nodes(v).Select(ReadVariant).ToList() : [],
            Metafields = node.TryGetProperty("metafields", out var m) ? Nodes(m).Select(ReadMetafield).ToList() : [],
            ImageUrls = node.TryGetProperty("media", out var media) ? Nodes(media).Select(ReadImageUrl).OfType<string>().ToList() : [],
        };

    public static ShopifyProduct ReadScalars(JsonElement node) => new()
    {
        Id = node.GetProperty("id").GetString()!,
        Handle = node.OptionalString("handle") ?? string.Empty,
        Title = node.OptionalString("title") ?? string.Empty,
        DescriptionHtml = node.OptionalString("descriptionHtml") ?? string.Empty,
        Vendor = node.OptionalString("vendor") is { Length: > 0 } vendor ? vendor : null,
        ProductType = node.OptionalString("productType") is { Length: > 0 } type ? type : null,
        CategoryId = node.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.Object ? category.OptionalString("id") : null,
        Status = node.OptionalString("status") ?? "ACTIVE",
        UpdatedAt = node.OptionalString("updatedAt") is { } updated ? DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture) : null,
    };

    public static ShopifyVariant ReadVariant(JsonElement node) => new(
        node.GetProperty("id").GetString()!,
        node.OptionalString("sku"),
        node.TryGetProperty("price", out var price) ? decimal.Parse(price.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture) : 0m,
        node.TryGetProperty("inventoryItem", out var item) && item.ValueKind == JsonValueKind.Object ? item.OptionalString("id") : null,
        node.TryGetProperty("inventoryQuantity", out var quantity) && quantity.ValueKind == JsonValueKind.Number ? quantity.GetInt32() : null);

    public static ShopifyMetafield ReadMetafield(JsonElement node) => new(
        node.OptionalString("namespace") ?? string.Empty,
        node.OptionalString("key") ?? string.Empty,
        node.OptionalString("type") ?? string.Empty,
        node.OptionalString("value") ?? string.Empty);

    public static string? ReadImageUrl(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object ? image.OptionalString("url") : null;

    /// <summary>The items of a connection in either shape (<c>nodes</c> or <c>edges.node</c>).</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement connection)
    {
        if (connection.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        if (connection.TryGetProperty("nodes", out var nodes))
        {
            return nodes.EnumerateArray();
        }

        return connection.TryGetProperty("edges", out var edges) ? edges.EnumerateArray().Select(e => e.GetProperty("node")) : [];
    }
}
