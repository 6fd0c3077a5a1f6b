using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// Maps what Shopify shows for a product to canonical product fields (the <c>Incoming</c> of a change set): title,
/// description, vendor as brand, the <c>marketplace.*</c> metafields this integration writes (model, year, condition,
/// handedness, artist-owned, condition rating, weight, record identifiers), the variant price as base price (through the
/// inverse of the product's Shopify price rule) and, when asked, the available quantity. Only fields Shopify reports are
/// returned, so absent metafields never clear catalog values. Images and category are not mapped back: the catalog owns them.
/// </summary>
public static class ShopifyCatalogMapper
{
    private static readonly Dictionary<string, string> IdentifierKeys = new(StringComparer.Ordinal)
    {
        ["barcode"] = "barcode",
        ["cataloguenumber"] = "catalogueNumber",
        ["matrixrunout"] = "matrixRunout",
        ["discogsreleaseid"] = "discogsReleaseId",
    };

    /// <summary>The SKU of the product's listing: the first variant SKU, else the <c>marketplace.sku</c> metafield; null when it has none.</summary>
    public static string? SkuOf(ShopifyProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.Variants.Select(v => v.Sku).FirstOrDefault(s => !string.IsNullOrEmpty(s))
            ?? Metafield(product, ShopifyProductMapper.SkuKey);
    }

    /// <summary>The canonical fields of <paramref name="product"/> as staged against <paramref name="current"/>.</summary>
    /// <param name="product">The product as Shopify shows it.</param>
    /// <param name="current">The catalog product (its Shopify price rule turns the price back into a base price).</param>
    /// <param name="includeQuantity">Include the variant's available quantity (a full pull; webhooks take it from inventory events).</param>
    public static JsonObject ToIncoming(ShopifyProduct product, Product current, bool includeQuantity)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(current);
        var incoming = new JsonObject
        {
            ["title"] = product.Title,
            ["descriptionHtml"] = product.DescriptionHtml,
        };
        if (product.Vendor is { Length: > 0 } vendor)
        {
            incoming["brand"] = vendor;
        }

        AddMetafields(incoming, product, current);
        var variant = product.Variants.FirstOrDefault(v => v.Sku == current.Sku) ?? product.Variants.FirstOrDefault();
        if (variant is not null)
        {
            incoming["basePrice"] = BasePrice(variant.Price, current);
            if (includeQuantity && variant.InventoryQuantity is { } quantity)
            {
                incoming["quantity"] = Math.Max(0, quantity);
            }
        }

        return incoming;
    }

    /// <summary>
    /// The base price that gives <paramref name="shopifyPrice"/> under the product's Shopify price rule: the current base
    /// price when the rule already produces it, else the markups undone (rounded to cents).
    /// </summary>
    public static decimal BasePrice(decimal shopifyPrice, Product current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.PriceRules.TryGetValue(Platform.Shopify, out var rule) || rule == new PriceRule())
        {
            return shopifyPrice;
        }

        if (rule.Apply(current.BasePrice) == shopifyPrice)
        {
            return current.BasePrice;
        }

        var factor = 1m + (rule.PercentMarkup / 100m);
        return factor <= 0m ? shopifyPrice : Math.Max(0m, Math.Round((shopifyPrice - rule.FixedMarkup) / factor, 2, MidpointRounding.AwayFromZero));
    }

    private static void AddMetafields(JsonObject incoming, ShopifyProduct product, Product current)
    {
        if (Metafield(product, "model") is { } model)
        {
            incoming["model"] = model;
        }

        if (Metafield(product, "year") is { } yearText && int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year))
        {
            incoming["year"] = year;
        }

        if (Metafield(product, "condition") is { } condition && TryEnum<ProductCondition>(condition, out var wireCondition))
        {
            incoming["condition"] = wireCondition;
        }

        if (Metafield(product, "handedness") is { } handedness && TryEnum<Handedness>(handedness, out var wireHandedness))
        {
            incoming["handedness"] = wireHandedness;
        }

        if ((Metafield(product, "artistowned") ?? Metafield(product, "artist_owned")) is { } owned && bool.TryParse(owned, out var artistOwned))
        {
            incoming["artistOwned"] = artistOwned;
        }

        if (Metafield(product, "conditionrating") is { } rating && decimal.TryParse(rating, NumberStyles.Number, CultureInfo.InvariantCulture, out var conditionRating))
        {
            incoming["conditionRating"] = conditionRating;
        }

        if (Metafield(product, "weightkg") is { } weight && decimal.TryParse(weight, NumberStyles.Number, CultureInfo.InvariantCulture, out var weightKg))
        {
            incoming["weightKg"] = weightKg;
        }

        AddIdentifiers(incoming, product, current);
    }

    private static void AddIdentifiers(JsonObject incoming, ShopifyProduct product, Product current)
    {
        JsonObject? identifiers = null;
        foreach (var (key, field) in IdentifierKeys)
        {
            if (Metafield(product, key) is not { } value)
            {
                continue;
            }

            identifiers ??= current.Identifiers is null ? [] : JsonSerializer.SerializeToNode(current.Identifiers, CatalogJson.Options)!.AsObject();
            if (field == "discogsReleaseId")
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var release))
                {
                    identifiers[field] = release;
                }
            }
            else
            {
                identifiers[field] = value;
            }
        }

        if (identifiers is not null)
        {
            incoming["identifiers"] = identifiers;
        }
    }

    private static string? Metafield(ShopifyProduct product, string key) =>
        product.Metafields.FirstOrDefault(m => m.Namespace == ShopifyProductMapper.Namespace && m.Key == key)?.Value is { Length: > 0 } value ? value : null;

    // The catalog's wire name of an enum value ("VERY_GOOD"), accepting "Very Good" and "very_good" too.
    private static bool TryEnum<TEnum>(string value, out string wire)
        where TEnum : struct, Enum
    {
        wire = value.Trim().Replace(' ', '_').Replace('-', '_').ToUpperInvariant();
        try
        {
            JsonSerializer.Deserialize<TEnum>(JsonSerializer.Serialize(wire), CatalogJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
