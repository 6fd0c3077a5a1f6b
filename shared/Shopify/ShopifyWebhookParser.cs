using System.Globalization;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>Maps verified webhook bodies (REST-format JSON) to <see cref="ShopifyWebhookEvent"/>s. Verify first.</summary>
public static class ShopifyWebhookParser
{
    /// <summary>Every topic the integration subscribes to (GraphQL enum form), compliance topics excluded (set in the app config).</summary>
    public static IReadOnlyList<string> SubscribedTopics { get; } =
        ["PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE", "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "INVENTORY_LEVELS_UPDATE", "APP_UNINSTALLED", "BULK_OPERATIONS_FINISH"];

    /// <summary>Parses one delivery.</summary>
    /// <exception cref="ShopifyException">The body is not the JSON the topic promises.</exception>
    public static ShopifyWebhookEvent Parse(ShopifyWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return headers.Topic switch
            {
                "products/create" => new ShopifyProductChanged(headers, true, ReadProduct(root)),
                "products/update" => new ShopifyProductChanged(headers, false, ReadProduct(root)),
                "products/delete" => new ShopifyProductDeleted(headers, ShopifyIds.Gid("Product", root.GetProperty("id").GetInt64())),
                "orders/create" => ReadOrder(headers, root),
                "inventory_levels/update" => new ShopifyInventoryLevelUpdated(
                    headers,
                    ShopifyIds.Gid("InventoryItem", root.GetProperty("inventory_item_id").GetInt64()),
                    ShopifyIds.Gid("Location", root.GetProperty("location_id").GetInt64()),
                    root.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : null,
                    Date(root, "updated_at")),
                "app/uninstalled" => new ShopifyAppUninstalled(headers, root.OptionalString("myshopify_domain") ?? headers.ShopDomain),
                "bulk_operations/finish" => new ShopifyBulkOperationFinished(
                    headers,
                    root.GetProperty("admin_graphql_api_id").GetString()!,
                    (root.OptionalString("status") ?? string.Empty).ToUpperInvariant(),
                    root.OptionalString("error_code")?.ToUpperInvariant(),
                    root.OptionalString("type")?.ToUpperInvariant()),
                "customers/data_request" => new ShopifyCustomersDataRequest(
                    headers, root.GetProperty("shop_id").GetInt64(), root.OptionalString("shop_domain") ?? headers.ShopDomain,
                    root.GetProperty("customer").GetProperty("id").GetInt64(), root.GetProperty("customer").OptionalString("email"), root.GetProperty("customer").OptionalString("phone"),
                    Longs(root, "orders_requested"),
                    root.TryGetProperty("data_request", out var request) && request.ValueKind == JsonValueKind.Object ? request.GetProperty("id").GetInt64() : null),
                "customers/redact" => new ShopifyCustomersRedact(
                    headers, root.GetProperty("shop_id").GetInt64(), root.OptionalString("shop_domain") ?? headers.ShopDomain,
                    root.GetProperty("customer").GetProperty("id").GetInt64(), root.GetProperty("customer").OptionalString("email"), root.GetProperty("customer").OptionalString("phone"),
                    Longs(root, "orders_to_redact")),
                "shop/redact" => new ShopifyShopRedact(headers, root.GetProperty("shop_id").GetInt64(), root.OptionalString("shop_domain") ?? headers.ShopDomain),
                _ => new ShopifyUnhandledWebhook(headers),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ShopifyException($"Shopify webhook {headers.Topic} (id {headers.WebhookId}) has a body this parser cannot read: {ex.Message}", innerException: ex);
        }
    }

    private static ShopifyOrderCreated ReadOrder(ShopifyWebhookHeaders headers, JsonElement root)
    {
        var orderId = root.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var currency = root.OptionalString("currency");
        var created = Date(root, "created_at") ?? headers.TriggeredAt ?? DateTimeOffset.UtcNow;
        var sales = root.GetProperty("line_items").EnumerateArray().Select(line => new SaleEvent(
            MarketplacePlatform.Shopify,
            orderId,
            line.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
            line.OptionalString("sku") ?? string.Empty,
            line.GetProperty("quantity").GetInt32(),
            line.OptionalString("price") is { } price ? decimal.Parse(price, CultureInfo.InvariantCulture) : null,
            currency,
            created)).ToList();
        return new ShopifyOrderCreated(headers, orderId, sales);
    }

    private static ShopifyProduct ReadProduct(JsonElement root) => new()
    {
        Id = root.OptionalString("admin_graphql_api_id") ?? ShopifyIds.Gid("Product", root.GetProperty("id").GetInt64()),
        Handle = root.OptionalString("handle") ?? string.Empty,
        Title = root.OptionalString("title") ?? string.Empty,
        DescriptionHtml = root.OptionalString("body_html") ?? string.Empty,
        Vendor = root.OptionalString("vendor"),
        ProductType = root.OptionalString("product_type"),
        Status = (root.OptionalString("status") ?? "active").ToUpperInvariant(),
        UpdatedAt = Date(root, "updated_at"),
        Variants = root.TryGetProperty("variants", out var variants) && variants.ValueKind == JsonValueKind.Array
            ? variants.EnumerateArray().Select(v => new ShopifyVariant(
                v.OptionalString("admin_graphql_api_id") ?? ShopifyIds.Gid("ProductVariant", v.GetProperty("id").GetInt64()),
                v.OptionalString("sku"),
                v.OptionalString("price") is { } p ? decimal.Parse(p, CultureInfo.InvariantCulture) : 0,
                v.TryGetProperty("inventory_item_id", out var item) && item.ValueKind == JsonValueKind.Number ? ShopifyIds.Gid("InventoryItem", item.GetInt64()) : null,
                v.TryGetProperty("inventory_quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : null)).ToList()
            : [],
        Metafields = root.TryGetProperty("metafields", out var metafields) && metafields.ValueKind == JsonValueKind.Array
            ? metafields.EnumerateArray().Select(m => new ShopifyMetafield(m.OptionalString("namespace") ?? string.Empty, m.OptionalString("key") ?? string.Empty, m.OptionalString("type") ?? string.Empty, m.OptionalString("value") ?? string.Empty)).ToList()
            : [],
        ImageUrls = root.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array
            ? images.EnumerateArray().Select(i => i.OptionalString("src")).OfType<string>().ToList()
            : [],
    };

    private static DateTimeOffset? Date(JsonElement root, string name) =>
        root.OptionalString(name) is { } value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture) : null;

    private static List<long> Longs(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(e => e.GetInt64()).ToList() : [];
}
