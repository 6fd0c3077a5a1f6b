using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// <c>productSet</c>: finds the product by identifier (id, handle or customId metafield), validates, then replaces list
/// fields (variants, metafields, files) and updates the scalar fields given. Used by requests and bulk lines alike.
/// </summary>
internal static class SandboxProductSet
{
    public static JsonObject Execute(ShopifyRequestContext context, JsonObject variables)
    {
        var input = variables["input"] as JsonObject ?? [];
        var identifier = variables["identifier"] as JsonObject;
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var (product, notFound) = Find(shop, identifier, input);
            if (notFound is not null)
            {
                return SandboxProducts.Payload(null, notFound);
            }

            var errors = Validate(input, product is null);
            if (errors.Count > 0)
            {
                return SandboxProducts.Payload(null, [.. errors]);
            }

            var created = product is null;
            product ??= new SandboxProduct { Id = context.Sandbox.NextId(), CreatedAt = context.Now, Handle = UniqueHandle(shop, input) };
            shop.Unindex(product);
            Apply(context, product, input);
            product.UpdatedAt = context.Now;
            shop.Products[product.Id] = product;
            shop.Index(product);
            if (created)
            {
                Interlocked.Increment(ref shop.ProductsCreated);
            }

            context.Sandbox.Webhooks.Enqueue(shop, created ? "products/create" : "products/update", SandboxProductJson.Rest(shop, product));
            return SandboxProducts.Payload(SandboxProductJson.Node(shop, product));
        }
    }

    private static (SandboxProduct? Product, JsonObject? Error) Find(SandboxShop shop, JsonObject? identifier, JsonObject input)
    {
        var id = identifier?["id"]?.GetValue<string>() ?? input["id"]?.GetValue<string>();
        if (id is not null)
        {
            return shop.Products.TryGetValue(Gid.Parse(id), out var byId)
                ? (byId, null)
                : (null, Gid.UserError("Product does not exist", "PRODUCT_DOES_NOT_EXIST", identifier?["id"] is null ? "input" : "identifier", "id"));
        }

        if (identifier?["handle"]?.GetValue<string>() is { } handle)
        {
            return (shop.Handles.TryGetValue(handle, out var byHandle) ? shop.Products[byHandle] : null, null);
        }

        if (identifier?["customId"] is JsonObject custom)
        {
            var ns = custom["namespace"]?.GetValue<string>();
            var key = custom["key"]?.GetValue<string>();
            var value = custom["value"]?.GetValue<string>();
            return (shop.MetafieldValues.TryGetValue(SandboxShop.MetafieldKey(ns, key, value), out var byCustomId) ? shop.Products[byCustomId] : null, null);
        }

        return (null, null);
    }

    private static List<JsonObject> Validate(JsonObject input, bool creating)
    {
        var errors = new List<JsonObject>();
        var title = input["title"]?.GetValue<string>();
        if ((creating || input.ContainsKey("title")) && string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Gid.UserError("Title can't be blank", "INVALID_PRODUCT", "input", "title"));
        }

        if (input["variants"] is JsonArray variants)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var price = variants[i]?["price"]?.GetValue<string>();
                if (price is not null && (!decimal.TryParse(price, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0))
                {
                    errors.Add(Gid.UserError("Price must be greater than or equal to 0", "INVALID_VARIANT", "input", "variants", i.ToString(CultureInfo.InvariantCulture), "price"));
                }

                if (variants[i]?["inventoryItem"]?["measurement"]?["weight"]?["value"] is JsonValue weight && weight.GetValue<decimal>() < 0)
                {
                    errors.Add(Gid.UserError("Weight must be greater than or equal to 0", "INVALID_VARIANT", "input", "variants", i.ToString(CultureInfo.InvariantCulture), "inventoryItem", "measurement", "weight"));
                }
            }
        }

        return errors;
    }

    private static void Apply(ShopifyRequestContext context, SandboxProduct product, JsonObject input)
    {
        var shop = context.Shop;
        product.Title = input["title"]?.GetValue<string>() ?? product.Title;
        product.DescriptionHtml = input["descriptionHtml"]?.GetValue<string>() ?? product.DescriptionHtml;
        product.Vendor = input["vendor"]?.GetValue<string>() ?? product.Vendor;
        product.ProductType = input["productType"]?.GetValue<string>() ?? product.ProductType;
        product.Category = input["category"]?.GetValue<string>() ?? product.Category;
        product.Status = input["status"]?.GetValue<string>() ?? product.Status;
        if (input["variants"] is JsonArray variants)
        {
            var kept = new List<SandboxVariant>();
            foreach (var (v, index) in variants.Select((v, i) => (v as JsonObject ?? [], i)))
            {
                var sku = v["sku"]?.GetValue<string>();
                var existing = product.Variants.FirstOrDefault(x => v["id"] is not null ? x.Id == Gid.Parse(v["id"]!.GetValue<string>()) : x.Sku == sku)
                    ?? (index < product.Variants.Count && v["id"] is null ? product.Variants[index] : null);
                var weight = v["inventoryItem"]?["measurement"]?["weight"];
                var variant = new SandboxVariant(existing?.Id ?? context.Sandbox.NextId(), sku ?? existing?.Sku, Money(v["price"]?.GetValue<string>() ?? existing?.Price ?? "0"), existing?.InventoryItemId ?? context.Sandbox.NextId(),
                    weight is null ? existing?.WeightValue ?? 0m : weight["value"]!.GetValue<decimal>(), weight is null ? existing?.WeightUnit : weight["unit"]!.GetValue<string>());
                if (!shop.Inventory.ContainsKey(variant.InventoryItemId))
                {
                    shop.Inventory[variant.InventoryItemId] = 0;
                }

                foreach (var q in (v["inventoryQuantities"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    shop.Inventory[variant.InventoryItemId] = q["quantity"]!.GetValue<int>();
                }

                kept.Add(variant);
            }

            foreach (var removed in product.Variants.Where(old => kept.All(k => k.Id != old.Id)))
            {
                shop.Inventory.Remove(removed.InventoryItemId);
            }

            product.Variants = kept;
        }

        if (input["metafields"] is JsonArray metafields)
        {
            product.Metafields = metafields.OfType<JsonObject>().Select(m =>
            {
                var ns = m["namespace"]!.GetValue<string>();
                var key = m["key"]!.GetValue<string>();
                var old = product.Metafields.FirstOrDefault(x => x.Namespace == ns && x.Key == key);
                return new SandboxMetafield(old?.Id ?? context.Sandbox.NextId(), ns, key, m["type"]?.GetValue<string>() ?? old?.Type ?? "single_line_text_field", m["value"]!.GetValue<string>());
            }).ToList();
        }

        if (input["files"] is JsonArray files)
        {
            product.Media = files.OfType<JsonObject>().Select(f =>
            {
                var url = f["originalSource"]!.GetValue<string>();
                var old = product.Media.FirstOrDefault(x => x.Url == url);
                return new SandboxMedia(old?.Id ?? context.Sandbox.NextId(), url, f["alt"]?.GetValue<string>());
            }).ToList();
        }
    }

    private static string Money(string value) =>
        decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);

    private static string UniqueHandle(SandboxShop shop, JsonObject input)
    {
        var source = input["handle"]?.GetValue<string>() ?? input["title"]?.GetValue<string>() ?? "product";
        var slug = new string(source.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        slug = slug.Length == 0 ? "product" : slug;
        var handle = slug;
        for (var n = 1; shop.Handles.ContainsKey(handle); n++)
        {
            handle = $"{slug}-{n}";
        }

        return handle;
    }
}
