using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Product root fields other than productSet (see <see cref="SandboxProductSet"/>).</summary>
internal static class SandboxProducts
{
    public static JsonNode? ProductSet(ShopifyRequestContext context) => SandboxProductSet.Execute(context, context.Variables);

    public static JsonNode? ProductUpdate(ShopifyRequestContext context)
    {
        var input = context.Variables["product"] as JsonObject ?? [];
        var shop = context.Shop;
        lock (shop.Gate)
        {
            if (!shop.Products.TryGetValue(Gid.Parse(input["id"]?.GetValue<string>()), out var product))
            {
                return Payload(null, Gid.UserError("Product does not exist", "PRODUCT_DOES_NOT_EXIST", "id"));
            }

            // The schema's ProductStatus enum has already refused any other status.
            if (input["status"]?.GetValue<string>() is { } status)
            {
                product.Status = status;
            }

            if (input["title"]?.GetValue<string>() is { } title)
            {
                product.Title = title;
            }

            // productUpdate(media:) adds new media after the existing ones (API 2024-10 and later).
            if (context.Variables["media"] is JsonArray media)
            {
                product.Media.AddRange(media.OfType<JsonObject>().Select(m =>
                    new SandboxMedia(context.Sandbox.NextId(), m["originalSource"]!.GetValue<string>(), m["alt"]?.GetValue<string>())));
            }

            product.UpdatedAt = context.Now;
            context.Sandbox.Webhooks.Enqueue(shop, "products/update", SandboxProductJson.Rest(shop, product));
            return Payload(SandboxProductJson.Node(shop, product));
        }
    }

    public static JsonNode? ProductDelete(ShopifyRequestContext context)
    {
        var id = Gid.Parse((context.Variables["input"] as JsonObject)?["id"]?.GetValue<string>());
        var shop = context.Shop;
        lock (shop.Gate)
        {
            if (!shop.Products.Remove(id, out var product))
            {
                return new JsonObject { ["deletedProductId"] = null, ["userErrors"] = Gid.Array([Gid.UserError("Product does not exist", null, "id")]) };
            }

            shop.Unindex(product);
            foreach (var variant in product.Variants)
            {
                shop.Inventory.Remove(variant.InventoryItemId);
            }

            context.Sandbox.Webhooks.Enqueue(shop, "products/delete", new JsonObject { ["id"] = id });
            return new JsonObject { ["deletedProductId"] = Gid.Of("Product", id), ["userErrors"] = new JsonArray() };
        }
    }

    public static JsonNode? ProductVariants(ShopifyRequestContext context)
    {
        var first = context.Variables["first"]?.GetValue<int>() ?? 10;
        var sku = SkuFilter(context.Variables["query"]?.GetValue<string>());
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var nodes = shop.Products.Values
                .Where(p => sku is null || (shop.Skus.TryGetValue(sku, out var owner) && owner == p.Id))
                .SelectMany(p => p.Variants.Select(v => (Product: p, Variant: v)))
                .Where(x => sku is null || string.Equals(x.Variant.Sku, sku, StringComparison.OrdinalIgnoreCase))
                .Take(first)
                .Select(x =>
                {
                    var node = SandboxProductJson.Variant(shop, x.Variant);
                    node["product"] = SandboxProductJson.Node(shop, x.Product);
                    return (JsonNode?)node;
                })
                .ToList();
            return new JsonObject { ["nodes"] = Gid.Array(nodes) };
        }
    }

    public static JsonNode? ProductsPage(ShopifyRequestContext context)
    {
        var first = context.Variables["first"]?.GetValue<int>() ?? 50;
        var after = context.Variables["after"]?.GetValue<string>();
        var since = UpdatedSince(context.Variables["query"]?.GetValue<string>());
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var ordered = shop.Products.Values.Where(p => since is null || p.UpdatedAt >= since).OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).Select(p => (Key: SortKey(p), Product: p));
            if (after is not null)
            {
                var position = Encoding.ASCII.GetString(Convert.FromBase64String(after));
                ordered = ordered.Where(x => string.CompareOrdinal(x.Key, position) > 0);
            }

            var page = ordered.Take(first + 1).ToList();
            var items = page.Take(first).ToList();
            return new JsonObject
            {
                ["pageInfo"] = new JsonObject { ["hasNextPage"] = page.Count > first, ["endCursor"] = items.Count == 0 ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(items[^1].Key)) },
                ["nodes"] = Gid.Array(items.Select(x => (JsonNode?)SandboxProductJson.Node(shop, x.Product))),
            };
        }
    }

    public static JsonNode? MetafieldDefinitionCreate(ShopifyRequestContext context)
    {
        var definition = context.Variables["definition"] as JsonObject ?? [];
        var key = $"{definition["ownerType"]}.{definition["namespace"]}.{definition["key"]}";
        lock (context.Shop.Gate)
        {
            if (!context.Shop.MetafieldDefinitions.Add(key))
            {
                return new JsonObject { ["createdDefinition"] = null, ["userErrors"] = Gid.Array([Gid.UserError("Key is in use for Product metafields on the 'marketplace' namespace.", "TAKEN", "definition", "key")]) };
            }

            return new JsonObject { ["createdDefinition"] = new JsonObject { ["id"] = Gid.Of("MetafieldDefinition", context.Sandbox.NextId()) }, ["userErrors"] = new JsonArray() };
        }
    }

    internal static JsonObject Payload(JsonObject? product, params JsonObject[] userErrors) =>
        new() { ["product"] = product, ["userErrors"] = Gid.Array(userErrors) };

    // Fixed width so ordinal order equals (updatedAt, id) order; the opaque cursor is its base64.
    private static string SortKey(SandboxProduct p) => $"{p.UpdatedAt.UtcTicks:D20}:{p.Id:D20}";

    private static string? SkuFilter(string? query)
    {
        if (query is null || !query.StartsWith("sku:", StringComparison.Ordinal))
        {
            return null;
        }

        return query[4..].Trim('"', '\'').Replace("\\\"", "\"", StringComparison.Ordinal);
    }

    private static DateTimeOffset? UpdatedSince(string? query)
    {
        const string prefix = "updated_at:>=";
        return query is not null && query.StartsWith(prefix, StringComparison.Ordinal)
            ? DateTimeOffset.Parse(query[prefix.Length..].Trim('\''), CultureInfo.InvariantCulture)
            : null;
    }
}
