using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>
/// Field-level access to a product through its JSON shape: field names are the top-level camelCase
/// properties (<c>title</c>, <c>basePrice</c>, <c>priceRules</c>, …). <c>sku</c>, <c>version</c> and the
/// timestamps cannot be staged; <c>quantity</c> can, but is applied as a ledger delta.
/// </summary>
public static class ProductFields
{
    /// <summary>The quantity field, applied through the ledger.</summary>
    public const string Quantity = "quantity";

    private static readonly HashSet<string> Fixed = ["sku", "version", "createdAt", "updatedAt"];

    /// <summary>Every stageable field name.</summary>
    public static IReadOnlySet<string> Stageable { get; } = ToObject(new Product { Sku = "x", Title = "x", Identifiers = new(), Dimensions = new(0, 0, 0), WeightKg = 0, Year = 0, ConditionRating = 0, Brand = "", Model = "", Category = "" })
        .Select(p => p.Key).Where(k => !Fixed.Contains(k)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The product as a JSON object.</summary>
    public static JsonObject ToObject(Product product) =>
        JsonSerializer.SerializeToNode(product, CatalogJson.Options)!.AsObject();

    /// <summary>The product from a JSON object.</summary>
    public static Product FromObject(JsonObject json) =>
        json.Deserialize<Product>(CatalogJson.Options) ?? throw new JsonException("Product JSON was null.");

    /// <summary>The value of <paramref name="field"/>, or null when absent.</summary>
    public static JsonNode? Get(JsonObject product, string field) =>
        product.TryGetPropertyValue(field, out var value) ? value?.DeepClone() : null;

    /// <summary>True when two field values are equal as JSON (null and absent are equal; 1.0 equals 1.00).</summary>
    public static bool ValueEquals(JsonNode? a, JsonNode? b)
    {
        if (TryDecimal(a, out var x) && TryDecimal(b, out var y))
        {
            return x == y;
        }

        return JsonNode.DeepEquals(a, b);
    }

    /// <summary>The number held by a JSON value, whatever CLR type built it.</summary>
    internal static bool TryDecimal(JsonNode? node, out decimal value)
    {
        value = 0m;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> (null removes it) on a copy of the product.</summary>
    /// <exception cref="CatalogValidationException">The field is unknown, fixed, or the value does not fit it.</exception>
    public static Product With(Product product, string field, JsonNode? value)
    {
        var json = ToObject(product);
        Set(json, field, value);
        try
        {
            return FromObject(json);
        }
        catch (JsonException ex)
        {
            throw CatalogValidationException.For(field, $"The value does not fit field '{field}': {ex.Message}");
        }
    }

    internal static void Set(JsonObject product, string field, JsonNode? value)
    {
        if (!Stageable.Contains(field))
        {
            throw CatalogValidationException.For(field, $"'{field}' is not a field that can be changed; fields are: {string.Join(", ", Stageable.Order(StringComparer.Ordinal))}.");
        }

        product.Remove(field);
        if (value is not null)
        {
            product[field] = value.DeepClone();
        }
    }
}
