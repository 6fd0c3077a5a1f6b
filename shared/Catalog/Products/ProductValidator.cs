using System.Text.RegularExpressions;
using Marketplace.Shared.Reverb;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// Field rules for product input (API and CSV). Error keys are the camelCase JSON field names
/// (<c>basePrice</c>, <c>identifiers.discogsReleaseId</c>, <c>priceRules.ebay</c>).
/// </summary>
public static partial class ProductValidator
{
    /// <summary>Longest accepted description (characters), so a product fits one table entity property.</summary>
    public const int MaxDescriptionLength = 30_000;

    /// <summary>True for a valid SKU: 1-64 of letters, digits, '.', '_', '-', starting with a letter or digit.</summary>
    public static bool IsValidSku(string? sku) => sku is not null && SkuPattern().IsMatch(sku);

    /// <summary>
    /// All problems of <paramref name="product"/>; empty when valid. With <paramref name="configuredReverbAccounts"/> (the
    /// Reverb shops this app is configured with), a Reverb account key it does not hold is a problem too, unless
    /// <paramref name="alreadyNamed"/> holds it (a stored product still naming a shop whose settings were removed).
    /// </summary>
    public static Dictionary<string, string[]> Validate(Product product, TimeProvider? time = null, IReadOnlySet<string>? configuredReverbAccounts = null,
        IEnumerable<string>? alreadyNamed = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (!IsValidSku(product.Sku))
        {
            Add("sku", "A SKU is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(product.Title))
        {
            Add("title", "A title is required.");
        }
        else if (product.Title.Length > 255)
        {
            Add("title", "A title has at most 255 characters.");
        }

        if (product.DescriptionHtml.Length > MaxDescriptionLength)
        {
            Add("descriptionHtml", $"A description has at most {MaxDescriptionLength} characters.");
        }

        var maxYear = (time ?? TimeProvider.System).GetUtcNow().Year + 1;
        if (product.Year is { } year && (year < 1800 || year > maxYear))
        {
            Add("year", $"The year must be between 1800 and {maxYear}.");
        }

        if (product.ConditionRating is { } rating && (rating < 0m || rating > 10m))
        {
            Add("conditionRating", "The condition rating is between 0 and 10.");
        }

        if (product.BasePrice < 0m)
        {
            Add("basePrice", "The base price cannot be negative.");
        }
        else if (decimal.Round(product.BasePrice, 2) != product.BasePrice)
        {
            Add("basePrice", "The base price has at most two decimals.");
        }

        if (product.Currency is null || !CurrencyPattern().IsMatch(product.Currency))
        {
            Add("currency", "The currency is a three-letter upper-case ISO 4217 code such as GBP.");
        }

        foreach (var (platform, rule) in product.PriceRules)
        {
            if (rule.PercentMarkup <= -100m)
            {
                Add("priceRules." + platform.ToWire(), "A markup must be above -100%.");
            }
            else if (product.BasePrice >= 0m && product.BasePrice * (1m + rule.PercentMarkup / 100m) + rule.FixedMarkup < 0m)
            {
                Add("priceRules." + platform.ToWire(), "The rule makes the price negative.");
            }
        }

        if (product.Quantity < 0)
        {
            Add("quantity", "The quantity cannot be negative.");
        }
        else if (!product.Stocked && product.Quantity > 1)
        {
            Add("quantity", "A one-off item (stocked = false) has a quantity of 0 or 1.");
        }

        for (var i = 0; i < product.Images.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(product.Images[i].Blob) || product.Images[i].Blob.Contains("..", StringComparison.Ordinal))
            {
                Add($"images[{i}].blob", "An image is a blob reference such as 'images/SKU/1.jpg'.");
            }
        }

        var reverbAccounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in product.ReverbAccounts ?? [])
        {
            if (!ReverbAccounts.IsValidKey(key))
            {
                Add("reverbAccounts", $"'{CatalogText.Excerpt(key)}' is not a Reverb account key: 1-32 lower-case letters, digits or '-', such as 'default'.");
            }
            else if (!reverbAccounts.Add(key))
            {
                Add("reverbAccounts", $"The Reverb account '{key}' is named more than once.");
            }
            else if (configuredReverbAccounts is not null && !configuredReverbAccounts.Contains(key) && !(alreadyNamed ?? []).Contains(key, StringComparer.Ordinal))
            {
                Add("reverbAccounts", $"'{key}' is not a configured Reverb shop (configured: {string.Join(", ", configuredReverbAccounts.Order(StringComparer.Ordinal))}).");
            }
        }

        if (product.WeightKg is < 0m)
        {
            Add("weightKg", "The weight cannot be negative.");
        }

        if (product.Dimensions is { } d && (d.LengthCm < 0m || d.WidthCm < 0m || d.HeightCm < 0m))
        {
            Add("dimensions", "Dimensions cannot be negative.");
        }

        if (product.Identifiers?.DiscogsReleaseId is <= 0)
        {
            Add("identifiers.discogsReleaseId", "A Discogs release id is a positive number.");
        }

        if (product.Identifiers?.Barcode is { } barcode && !BarcodePattern().IsMatch(barcode))
        {
            Add("identifiers.barcode", "A barcode is 8 to 14 digits.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Throws <see cref="CatalogValidationException"/> when <paramref name="product"/> is invalid.</summary>
    public static void EnsureValid(Product product, TimeProvider? time = null, IReadOnlySet<string>? configuredReverbAccounts = null, IEnumerable<string>? alreadyNamed = null)
    {
        var errors = Validate(product, time, configuredReverbAccounts, alreadyNamed);
        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[0-9]{8,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex BarcodePattern();
}
