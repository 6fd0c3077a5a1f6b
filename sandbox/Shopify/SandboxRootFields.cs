using System.Text.Json.Nodes;
using Marketplace.Sandbox.Shopify.GraphQl;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Documented root fields beyond the app's own: <c>shop</c>, <c>node</c>, <c>nodes</c>, <c>currentBulkOperation</c>, <c>productCreate</c>.</summary>
internal static class SandboxRootFields
{
    public static JsonNode? Shop(ShopifyRequestContext context)
    {
        var shop = context.Shop;
        return new JsonObject
        {
            ["id"] = Gid.Of("Shop", shop.ShopId),
            ["name"] = shop.Domain.Split('.')[0],
            ["myshopifyDomain"] = shop.Domain,
            ["url"] = $"https://{shop.Domain}",
            ["email"] = $"owner@{shop.Domain}",
            ["contactEmail"] = $"owner@{shop.Domain}",
            ["currencyCode"] = "EUR",
            ["ianaTimezone"] = "Etc/UTC",
            ["timezoneOffset"] = "+0000",
            ["timezoneOffsetMinutes"] = 0,
            ["weightUnit"] = "KILOGRAMS",
            ["primaryDomain"] = new JsonObject { ["id"] = Gid.Of("Domain", shop.ShopId), ["host"] = shop.Domain, ["url"] = $"https://{shop.Domain}", ["sslEnabled"] = true },
        };
    }

    /// <summary><c>node(id:)</c>: the object of a global id, null when there is none.</summary>
    public static JsonNode? Node(ShopifyRequestContext context)
    {
        var id = context.Variables["id"]?.GetValue<string>() ?? string.Empty;
        var numeric = Gid.Parse(id);
        var shop = context.Shop;
        var type = ShopifyResolver.TypeName(new JsonObject { ["id"] = id });
        lock (shop.Gate)
        {
            switch (type)
            {
                case "Product":
                    return shop.Products.TryGetValue(numeric, out var product) ? SandboxProductJson.Node(shop, product) : null;
                case "ProductVariant":
                    var owner = shop.Products.Values.FirstOrDefault(p => p.Variants.Any(v => v.Id == numeric));
                    var variant = owner?.Variants.First(v => v.Id == numeric);
                    return variant is null ? null : WithProduct(SandboxProductJson.Variant(shop, variant), SandboxProductJson.Node(shop, owner!));
                case "InventoryItem":
                    return SandboxInventory.InventoryItem(context);
                case "Location":
                    return numeric == shop.LocationId ? new JsonObject { ["id"] = id, ["name"] = "Sandbox warehouse" } : null;
                case "BulkOperation":
                    return shop.BulkOperations.TryGetValue(numeric, out var operation) ? SandboxBulk.Node(operation) : null;
                case "WebhookSubscription":
                    return shop.Webhooks.TryGetValue(numeric, out var hook) ? SandboxWebhookSubscriptions.Node(numeric, hook.Topic, hook.Uri, hook.MetafieldNamespaces) : null;
                case null:
                    throw new SandboxGraphQlException($"Invalid global id '{id}'", "argumentLiteralsIncompatible");
                default:
                    throw new SandboxGraphQlException($"The Shopify sandbox does not resolve node ids of type {type}.", ShopifyResolver.NotImplemented);
            }
        }
    }

    public static JsonNode? Nodes(ShopifyRequestContext context) =>
        new JsonArray((context.Variables["ids"] as JsonArray ?? []).Select(id =>
            Node(new ShopifyRequestContext(context.Sandbox, context.Shop, new JsonObject { ["id"] = id?.DeepClone() }, context.Operation, context.BaseUri, context.ApiVersion))).ToArray());

    /// <summary>The shop's most recent bulk operation of a type (QUERY by default).</summary>
    public static JsonNode? CurrentBulkOperation(ShopifyRequestContext context)
    {
        var type = context.Variables["type"]?.GetValue<string>() ?? "QUERY";
        var latest = context.Shop.BulkOperations.Values.Where(o => o.Type == type).MaxBy(o => o.Id);
        return latest is null ? null : SandboxBulk.Node(latest);
    }

    /// <summary><c>productCreate(product:)</c>: a new product with one default variant, as Shopify creates it.</summary>
    public static JsonNode? ProductCreate(ShopifyRequestContext context)
    {
        var input = context.Variables["product"]?.DeepClone() as JsonObject ?? [];
        input.Remove("id");
        input["variants"] = new JsonArray(new JsonObject { ["price"] = "0.00" });
        var payload = SandboxProductSet.Execute(context, new JsonObject { ["input"] = input });
        payload["shop"] = Shop(context);
        return payload;
    }

    private static JsonObject WithProduct(JsonObject variant, JsonObject product)
    {
        variant["product"] = product;
        return variant;
    }
}
