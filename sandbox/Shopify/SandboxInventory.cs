using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Locations and inventory: compare-and-set (<c>changeFromQuantity</c>) and adjustments.</summary>
internal static class SandboxInventory
{
    public static JsonNode? Locations(ShopifyRequestContext context)
    {
        return new JsonObject { ["nodes"] = Gid.Array([new JsonObject { ["id"] = Gid.Of("Location", context.Shop.LocationId), ["name"] = "Sandbox warehouse" }]) };
    }

    public static JsonNode? InventoryItem(ShopifyRequestContext context)
    {
        var item = Gid.Parse(context.Variables["id"]?.GetValue<string>());
        var shop = context.Shop;
        lock (shop.Gate)
        {
            if (!shop.Inventory.TryGetValue(item, out var available))
            {
                return null;
            }

            var owner = shop.Products.Values.SelectMany(p => p.Variants.Select(v => (Product: p, Variant: v))).FirstOrDefault(x => x.Variant.InventoryItemId == item);
            return new JsonObject
            {
                ["id"] = Gid.Of("InventoryItem", item),
                ["sku"] = owner.Variant?.Sku,
                ["variant"] = owner.Variant is null ? null : new JsonObject
                {
                    ["id"] = Gid.Of("ProductVariant", owner.Variant.Id),
                    ["sku"] = owner.Variant.Sku,
                    ["product"] = new JsonObject { ["id"] = Gid.Of("Product", owner.Product.Id) },
                },
                // The one location's level; the resolver answers null for another inventoryLevel(locationId:).
                ["inventoryLevel"] = new JsonObject
                {
                    ["id"] = $"gid://shopify/InventoryLevel/{shop.LocationId}?inventory_item_id={item}",
                    ["location"] = new JsonObject { ["id"] = Gid.Of("Location", shop.LocationId) },
                    ["quantities"] = Gid.Array([new JsonObject { ["name"] = "available", ["quantity"] = available }]),
                },
            };
        }
    }

    public static JsonNode? SetQuantities(ShopifyRequestContext context)
    {
        var input = context.Variables["input"] as JsonObject ?? [];
        var quantities = (input["quantities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                var index = i.ToString(CultureInfo.InvariantCulture);
                if (!shop.Inventory.TryGetValue(Gid.Parse(q["inventoryItemId"]?.GetValue<string>()), out var current))
                {
                    errors.Add(Gid.UserError("The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM", "input", "quantities", index, "inventoryItemId"));
                }
                else if (Gid.Parse(q["locationId"]?.GetValue<string>()) != shop.LocationId)
                {
                    errors.Add(Gid.UserError("The specified inventory item is not stocked at the location.", "INVALID_LOCATION", "input", "quantities", index, "locationId"));
                }
                else if (!q.ContainsKey("changeFromQuantity") && context.VersionAtLeast("2026-04"))
                {
                    errors.Add(Gid.UserError("changeFromQuantity must be provided (pass null to skip the check).", "COMPARE_QUANTITY_REQUIRED", "input", "quantities", index, "changeFromQuantity"));
                }
                else if (q["changeFromQuantity"] is JsonValue expected && expected.GetValue<int>() != current)
                {
                    errors.Add(Gid.UserError("The specified compare quantity does not match the current quantity.", "CHANGE_FROM_QUANTITY_STALE", "input", "quantities", index, "changeFromQuantity"));
                }
            }

            if (errors.Count > 0)
            {
                return new JsonObject { ["inventoryAdjustmentGroup"] = null, ["userErrors"] = Gid.Array(errors) };
            }

            var changes = quantities.Select(q =>
            {
                var item = Gid.Parse(q["inventoryItemId"]!.GetValue<string>());
                var target = q["quantity"]!.GetValue<int>();
                var delta = target - shop.Inventory[item];
                shop.Inventory[item] = target;
                LevelChanged(context, item, target);
                return (JsonNode?)new JsonObject { ["name"] = "available", ["delta"] = delta, ["quantityAfterChange"] = target };
            }).ToList();
            return Group(context, input, changes);
        }
    }

    public static JsonNode? AdjustQuantities(ShopifyRequestContext context)
    {
        var input = context.Variables["input"] as JsonObject ?? [];
        var changes = (input["changes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var shop = context.Shop;
        lock (shop.Gate)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                if (!shop.Inventory.ContainsKey(Gid.Parse(changes[i]["inventoryItemId"]?.GetValue<string>())))
                {
                    return new JsonObject { ["inventoryAdjustmentGroup"] = null, ["userErrors"] = Gid.Array([Gid.UserError("The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM", "input", "changes", i.ToString(CultureInfo.InvariantCulture), "inventoryItemId")]) };
                }
            }

            var applied = changes.Select(c =>
            {
                var item = Gid.Parse(c["inventoryItemId"]!.GetValue<string>());
                var delta = c["delta"]!.GetValue<int>();
                shop.Inventory[item] += delta;
                Interlocked.Increment(ref shop.AdjustmentsApplied);
                LevelChanged(context, item, shop.Inventory[item]);
                return (JsonNode?)new JsonObject { ["name"] = "available", ["delta"] = delta, ["quantityAfterChange"] = null };
            }).ToList();
            return Group(context, input, applied);
        }
    }

    internal static void LevelChanged(ShopifyRequestContext context, long item, int available) =>
        context.Sandbox.Webhooks.Enqueue(context.Shop, "inventory_levels/update", new JsonObject
        {
            ["inventory_item_id"] = item,
            ["location_id"] = context.Shop.LocationId,
            ["available"] = available,
            ["updated_at"] = Gid.Timestamp(context.Now),
            ["admin_graphql_api_id"] = $"gid://shopify/InventoryLevel/{context.Shop.LocationId}?inventory_item_id={item}",
        });

    private static JsonObject Group(ShopifyRequestContext context, JsonObject input, List<JsonNode?> changes) => new()
    {
        ["inventoryAdjustmentGroup"] = new JsonObject
        {
            ["id"] = Gid.Of("InventoryAdjustmentGroup", context.Sandbox.NextId()),
            ["reason"] = input["reason"]?.GetValue<string>(),
            ["changes"] = Gid.Array(changes),
        },
        ["userErrors"] = new JsonArray(),
    };
}
