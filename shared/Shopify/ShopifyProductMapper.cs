using System.Globalization;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// Maps a <see cref="ListingDraft"/> to <c>productSet</c> variables (<c>input</c> + <c>identifier</c>) and back.
/// Brand is the vendor; model, year, condition and every attribute become <c>marketplace.*</c> metafields
/// (handedness, artist_owned as a boolean, record identifiers); the SKU is also the <c>marketplace.sku</c> metafield
/// used as the product's custom id, so a create retried after a lost response updates instead of duplicating.
/// Prices are written in the shop's currency (<see cref="ListingDraft.Currency"/> is the catalog's and is not sent).
/// One variant per product (the "Default Title" option), as one SKU is one listing.
/// </summary>
public static class ShopifyProductMapper
{
    /// <summary>Metafield namespace of everything this integration writes.</summary>
    public const string Namespace = "marketplace";

    /// <summary>Metafield key of the SKU (the <c>customId</c> identifier; needs a unique-values definition on a real shop).</summary>
    public const string SkuKey = "sku";

    internal const string TaxonomyPrefix = "gid://shopify/TaxonomyCategory/";
    private static readonly HashSet<string> BooleanKeys = new(StringComparer.Ordinal) { "artist_owned" };

    /// <summary>Writes <c>"input": {...}, "identifier": {...}</c> into an open variables object.</summary>
    /// <param name="writer">The writer, positioned inside the variables object.</param>
    /// <param name="draft">The listing.</param>
    /// <param name="productId">Known product gid (update by id), or null to upsert by the SKU custom id.</param>
    /// <param name="locationId">When set, the variant's available quantity at that location is set too.</param>
    public static void WriteProductSetVariables(Utf8JsonWriter writer, ListingDraft draft, string? productId = null, string? locationId = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(draft);
        writer.WriteStartObject("input");
        writer.WriteString("title", draft.Title);
        writer.WriteString("descriptionHtml", draft.DescriptionHtml);
        if (draft.Brand is not null)
        {
            writer.WriteString("vendor", draft.Brand);
        }

        if (draft.Attributes.TryGetValue("product_type", out var productType))
        {
            writer.WriteString("productType", productType);
        }

        if (!string.IsNullOrEmpty(draft.CategoryId))
        {
            writer.WriteString("category", draft.CategoryId.StartsWith("gid://", StringComparison.Ordinal) ? draft.CategoryId : TaxonomyPrefix + draft.CategoryId);
        }

        writer.WriteString("status", draft.Publish ? "ACTIVE" : "DRAFT");
        writer.WriteStartArray("productOptions");
        writer.WriteStartObject();
        writer.WriteString("name", "Title");
        writer.WriteStartArray("values");
        writer.WriteStartObject();
        writer.WriteString("name", "Default Title");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteVariant(writer, draft, locationId);
        WriteFiles(writer, draft);
        WriteMetafields(writer, draft);
        writer.WriteEndObject();

        writer.WriteStartObject("identifier");
        if (productId is not null)
        {
            writer.WriteString("id", productId);
        }
        else
        {
            writer.WriteStartObject("customId");
            writer.WriteString("namespace", Namespace);
            writer.WriteString("key", SkuKey);
            writer.WriteString("value", draft.Sku);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Maps a product read back from Shopify to the draft that would produce it (round trips).</summary>
    public static ListingDraft ToListingDraft(ShopifyProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var variant = product.Variants.FirstOrDefault();
        var fields = product.Metafields.Where(m => m.Namespace == Namespace).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var attributes = fields.Where(f => f.Key is not (SkuKey or "model" or "year" or "condition")).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (product.ProductType is { Length: > 0 } type)
        {
            attributes["product_type"] = type;
        }

        return new ListingDraft
        {
            Sku = variant?.Sku ?? fields.GetValueOrDefault(SkuKey) ?? string.Empty,
            Title = product.Title,
            DescriptionHtml = product.DescriptionHtml,
            Brand = product.Vendor,
            Model = fields.GetValueOrDefault("model"),
            Year = fields.TryGetValue("year", out var year) ? int.Parse(year, CultureInfo.InvariantCulture) : null,
            Condition = fields.GetValueOrDefault("condition"),
            CategoryId = product.CategoryId,
            Price = variant?.Price ?? 0,
            Quantity = variant?.InventoryQuantity ?? 0,
            ImageUrls = product.ImageUrls,
            Attributes = attributes,
            Publish = product.Status == "ACTIVE",
        };
    }

    /// <summary>Lower-case, underscores: the metafield key an attribute name is stored under.</summary>
    public static string MetafieldKey(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return string.Create(attribute.Length, attribute, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = char.ToLowerInvariant(source[i]);
                span[i] = char.IsAsciiLetterOrDigit(c) ? c : '_';
            }
        });
    }

    private static void WriteVariant(Utf8JsonWriter writer, ListingDraft draft, string? locationId)
    {
        writer.WriteStartArray("variants");
        writer.WriteStartObject();
        writer.WriteStartArray("optionValues");
        writer.WriteStartObject();
        writer.WriteString("optionName", "Title");
        writer.WriteString("name", "Default Title");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("sku", draft.Sku);
        writer.WriteString("price", draft.Price.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartObject("inventoryItem");
        writer.WriteBoolean("tracked", true);
        if (draft.WeightKg is { } kg)
        {
            // The shipping weight Shopify's rates use (InventoryItemInput.measurement).
            writer.WriteStartObject("measurement");
            writer.WriteStartObject("weight");
            writer.WriteNumber("value", kg);
            writer.WriteString("unit", "KILOGRAMS");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (locationId is not null)
        {
            writer.WriteStartArray("inventoryQuantities");
            writer.WriteStartObject();
            writer.WriteString("locationId", locationId);
            writer.WriteString("name", "available");
            writer.WriteNumber("quantity", draft.Quantity);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteFiles(Utf8JsonWriter writer, ListingDraft draft)
    {
        writer.WriteStartArray("files");
        foreach (var url in draft.ImageUrls)
        {
            writer.WriteStartObject();
            writer.WriteString("originalSource", url);
            writer.WriteString("contentType", "IMAGE");
            writer.WriteString("alt", draft.Title);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMetafields(Utf8JsonWriter writer, ListingDraft draft)
    {
        writer.WriteStartArray("metafields");
        WriteMetafield(writer, SkuKey, "single_line_text_field", draft.Sku);
        if (draft.Model is not null)
        {
            WriteMetafield(writer, "model", "single_line_text_field", draft.Model);
        }

        if (draft.Year is { } year)
        {
            WriteMetafield(writer, "year", "number_integer", year.ToString(CultureInfo.InvariantCulture));
        }

        if (draft.Condition is not null)
        {
            WriteMetafield(writer, "condition", "single_line_text_field", draft.Condition);
        }

        foreach (var (name, value) in draft.Attributes)
        {
            var key = MetafieldKey(name);
            if (key is "product_type" or SkuKey or "model" or "year" or "condition")
            {
                continue;
            }

            var isBoolean = BooleanKeys.Contains(key) && bool.TryParse(value, out _);
            WriteMetafield(writer, key, isBoolean ? "boolean" : "single_line_text_field", isBoolean ? value.ToLowerInvariant() : value);
        }

        writer.WriteEndArray();
    }

    private static void WriteMetafield(Utf8JsonWriter writer, string key, string type, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("namespace", Namespace);
        writer.WriteString("key", key);
        writer.WriteString("type", type);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }
}
