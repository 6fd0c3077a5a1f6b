using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// Shipping (delivery) profiles as the Admin API documents them: every variant ships under exactly one profile, the
/// shop's default ("General profile") until <c>deliveryProfileUpdate(variantsToAssociate:)</c> moves it; read back
/// through <c>ProductVariant.deliveryProfile</c>. Root fields: <c>productVariant</c>, <c>deliveryProfiles</c>,
/// <c>deliveryProfileCreate</c> (name only: the sandbox has no zones or rates), <c>deliveryProfileUpdate</c>.
/// </summary>
internal static class SandboxDeliveryProfiles
{
    /// <summary>The default profile's id in a shop.</summary>
    public static long DefaultId(SandboxShop shop) => 80_000_000 + shop.ShopId;

    /// <summary>The profile a variant ships under (caller holds the shop's gate).</summary>
    public static JsonObject Of(SandboxShop shop, long variantId) => Node(shop, shop.VariantProfiles.GetValueOrDefault(variantId, DefaultId(shop)));

    public static JsonNode? ProductVariant(ShopifyRequestContext context)
    {
        var id = Gid.Parse(context.Variables["id"]?.GetValue<string>());
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var product = shop.Products.Values.FirstOrDefault(p => p.Variants.Any(v => v.Id == id));
            if (product is null)
            {
                return null;
            }

            var node = SandboxProductJson.Variant(shop, product.Variants.First(v => v.Id == id));
            node["product"] = SandboxProductJson.Node(shop, product);
            return node;
        }
    }

    public static JsonNode? DeliveryProfiles(ShopifyRequestContext context)
    {
        var first = context.Variables["first"]?.GetValue<int>() ?? 50;
        var shop = context.Shop;
        lock (shop.Gate)
        {
            var ids = new[] { DefaultId(shop) }.Concat(shop.DeliveryProfiles.Keys.Order()).Take(first);
            return new JsonObject { ["nodes"] = Gid.Array(ids.Select(i => (JsonNode?)Node(shop, i))) };
        }
    }

    public static JsonNode? Create(ShopifyRequestContext context)
    {
        var name = context.Variables["profile"]?["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            return new JsonObject { ["profile"] = null, ["userErrors"] = new JsonArray(Gid.UserError("Name can't be blank", null, "profile", "name")) };
        }

        var shop = context.Shop;
        lock (shop.Gate)
        {
            var id = DefaultId(shop) + 1 + shop.DeliveryProfiles.Count;
            shop.DeliveryProfiles[id] = name;
            Associate(shop, id, context.Variables["profile"]?["variantsToAssociate"] as JsonArray);
            return new JsonObject { ["profile"] = Node(shop, id), ["userErrors"] = new JsonArray() };
        }
    }

    public static JsonNode? Update(ShopifyRequestContext context)
    {
        var id = Gid.Parse(context.Variables["id"]?.GetValue<string>());
        var profile = context.Variables["profile"] as JsonObject ?? [];
        var shop = context.Shop;
        lock (shop.Gate)
        {
            if (id != DefaultId(shop) && !shop.DeliveryProfiles.ContainsKey(id))
            {
                return new JsonObject { ["profile"] = null, ["userErrors"] = new JsonArray(Gid.UserError("Profile could not be found.", null, "id")) };
            }

            var unknown = Variants(profile["variantsToAssociate"] as JsonArray).Where(v => !shop.Products.Values.Any(p => p.Variants.Any(x => x.Id == v))).ToList();
            if (unknown.Count > 0)
            {
                return new JsonObject
                {
                    ["profile"] = null,
                    ["userErrors"] = new JsonArray(Gid.UserError($"Variant {Gid.Of("ProductVariant", unknown[0])} does not exist.", null, "profile", "variantsToAssociate")),
                };
            }

            if (profile["name"]?.GetValue<string>() is { Length: > 0 } name && id != DefaultId(shop))
            {
                shop.DeliveryProfiles[id] = name;
            }

            Associate(shop, id, profile["variantsToAssociate"] as JsonArray);
            foreach (var variant in Variants(profile["variantsToDissociate"] as JsonArray))
            {
                if (shop.VariantProfiles.GetValueOrDefault(variant, DefaultId(shop)) == id)
                {
                    shop.VariantProfiles.Remove(variant); // back to the default profile
                }
            }

            return new JsonObject { ["profile"] = Node(shop, id), ["userErrors"] = new JsonArray() };
        }
    }

    private static void Associate(SandboxShop shop, long profile, JsonArray? variants)
    {
        foreach (var variant in Variants(variants))
        {
            shop.VariantProfiles[variant] = profile;
        }
    }

    private static IEnumerable<long> Variants(JsonArray? ids) => (ids ?? []).Select(i => Gid.Parse(i?.GetValue<string>())).Where(i => i != 0);

    private static JsonObject Node(SandboxShop shop, long id) => new()
    {
        ["id"] = Gid.Of("DeliveryProfile", id),
        ["name"] = id == DefaultId(shop) ? "General profile" : shop.DeliveryProfiles.GetValueOrDefault(id, "Profile"),
        ["default"] = id == DefaultId(shop),
        ["productVariantsCountV2"] = new JsonObject
        {
            ["count"] = id == DefaultId(shop)
                ? shop.Products.Values.Sum(p => p.Variants.Count) - shop.VariantProfiles.Count
                : shop.VariantProfiles.Values.Count(v => v == id),
            ["capped"] = false,
        },
    };
}
