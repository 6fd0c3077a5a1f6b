using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Renders sandbox products in the GraphQL shape (superset of what the client selects) and the REST webhook shape.</summary>
internal static class SandboxProductJson
{
    public static JsonObject Node(SandboxShop shop, SandboxProduct p) => new()
    {
        ["id"] = Gid.Of("Product", p.Id),
        ["handle"] = p.Handle,
        ["title"] = p.Title,
        ["descriptionHtml"] = p.DescriptionHtml,
        ["vendor"] = p.Vendor,
        ["productType"] = p.ProductType,
        ["status"] = p.Status,
        ["createdAt"] = Gid.Timestamp(p.CreatedAt),
        ["updatedAt"] = Gid.Timestamp(p.UpdatedAt),
        ["onlineStoreUrl"] = p.Status == "ACTIVE" ? $"https://{shop.Domain}/products/{p.Handle}" : null,
        ["category"] = p.Category is null ? null : new JsonObject { ["id"] = p.Category },
        ["variants"] = new JsonObject { ["nodes"] = Gid.Array(p.Variants.Select(v => (JsonNode?)Variant(shop, v))) },
        ["metafields"] = new JsonObject { ["nodes"] = Gid.Array(p.Metafields.Select(m => (JsonNode?)Metafield(m))) },
        ["media"] = new JsonObject { ["nodes"] = Gid.Array(p.Media.Select(m => (JsonNode?)Media(m))) },
        ["mediaCount"] = new JsonObject { ["count"] = p.Media.Count, ["precision"] = "EXACT" },
    };

    public static JsonObject Variant(SandboxShop shop, SandboxVariant v) => new()
    {
        ["id"] = Gid.Of("ProductVariant", v.Id),
        ["sku"] = v.Sku,
        ["price"] = v.Price,
        ["inventoryQuantity"] = shop.Inventory.GetValueOrDefault(v.InventoryItemId),
        ["inventoryItem"] = new JsonObject
        {
            ["id"] = Gid.Of("InventoryItem", v.InventoryItemId),
            ["measurement"] = new JsonObject { ["weight"] = v.WeightUnit is null ? null : new JsonObject { ["value"] = v.WeightValue, ["unit"] = v.WeightUnit } },
        },
        ["deliveryProfile"] = SandboxDeliveryProfiles.Of(shop, v.Id),
    };

    public static JsonObject Metafield(SandboxMetafield m) => new()
    {
        ["id"] = Gid.Of("Metafield", m.Id),
        ["namespace"] = m.Namespace,
        ["key"] = m.Key,
        ["type"] = m.Type,
        ["value"] = m.Value,
    };

    public static JsonObject Media(SandboxMedia m) => new()
    {
        ["id"] = Gid.Of("MediaImage", m.Id),
        ["mediaContentType"] = "IMAGE",
        ["alt"] = m.Alt,
        ["image"] = new JsonObject { ["url"] = m.Url, ["altText"] = m.Alt },
        ["originalSource"] = new JsonObject { ["url"] = m.Url },
    };

    /// <summary>The REST-format body of products/create and products/update.</summary>
    public static JsonObject Rest(SandboxShop shop, SandboxProduct p) => new()
    {
        ["id"] = p.Id,
        ["admin_graphql_api_id"] = Gid.Of("Product", p.Id),
        ["title"] = p.Title,
        ["body_html"] = p.DescriptionHtml,
        ["vendor"] = p.Vendor,
        ["product_type"] = p.ProductType,
        ["handle"] = p.Handle,
        ["status"] = p.Status.ToLowerInvariant(),
        ["created_at"] = Gid.Timestamp(p.CreatedAt),
        ["updated_at"] = Gid.Timestamp(p.UpdatedAt),
        ["variants"] = Gid.Array(p.Variants.Select(v => (JsonNode?)new JsonObject
        {
            ["id"] = v.Id,
            ["admin_graphql_api_id"] = Gid.Of("ProductVariant", v.Id),
            ["product_id"] = p.Id,
            ["sku"] = v.Sku,
            ["price"] = v.Price,
            ["inventory_item_id"] = v.InventoryItemId,
            ["inventory_quantity"] = shop.Inventory.GetValueOrDefault(v.InventoryItemId),
        })),
        ["images"] = Gid.Array(p.Media.Select(m => (JsonNode?)new JsonObject { ["id"] = m.Id, ["product_id"] = p.Id, ["src"] = m.Url, ["alt"] = m.Alt })),

        // Every metafield; the dispatcher keeps those of the namespaces a subscription asked for.
        ["metafields"] = Gid.Array(p.Metafields.Select(m => (JsonNode?)new JsonObject
        {
            ["id"] = m.Id,
            ["namespace"] = m.Namespace,
            ["key"] = m.Key,
            ["value"] = m.Value,
            ["type"] = m.Type,
            ["owner_id"] = p.Id,
            ["owner_resource"] = "product",
            ["admin_graphql_api_id"] = Gid.Of("Metafield", m.Id),
        })),
    };
}
