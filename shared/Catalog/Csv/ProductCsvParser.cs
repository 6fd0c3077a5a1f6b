using System.Globalization;
using System.Text.Json;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>Turns one CSV record (column → text) into a product, collecting every problem with its column.</summary>
internal static class ProductCsvParser
{
    public static Product? Parse(Func<string, string?> field, int line, TimeProvider time, List<CsvError> errors, IReadOnlySet<string>? configuredReverbAccounts = null)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new CsvError(line, column, message));
        string? Text(string column) => field(column) is { Length: > 0 } value ? value : null;

        T? Parse<T>(string column, Func<string, (bool Ok, T Value)> parse, string expected)
            where T : struct
        {
            var text = Text(column)?.Trim();
            if (text is null)
            {
                return null;
            }

            var (ok, value) = parse(text);
            if (!ok)
            {
                Error(column, $"'{CatalogText.Excerpt(text)}' is not {expected}.");
                return null;
            }

            return value;
        }

        decimal? Decimal(string column) => Parse(column, t => (decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v), v), "a number like 1234.50");
        int? Int(string column) => Parse(column, t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v), "a whole number");
        bool? Bool(string column) => Parse(column, t => t.ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "1" => (true, true),
            "false" or "no" or "n" or "0" => (true, false),
            _ => (false, false),
        }, "true or false");
        TEnum? Enum<TEnum>(string column)
            where TEnum : struct, System.Enum =>
            Parse(column, t => TryEnum<TEnum>(t, out var v) ? (true, v) : (false, default), EnumNames<TEnum>.Expected);
        Dictionary<Platform, string> Map(string column)
        {
            var map = new Dictionary<Platform, string>();
            foreach (var part in (Text(column) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length != 2 || pair[1].Length == 0 || !PlatformNames.TryParse(pair[0], out var platform) || !map.TryAdd(platform, pair[1]))
                {
                    Error(column, $"'{CatalogText.Excerpt(part)}' is not platform=value with a platform among {PlatformNames.Expected} (once each).");
                    continue;
                }
            }

            return map;
        }

        var sku = Text(ProductCsvColumns.Sku)?.Trim();
        var title = Text(ProductCsvColumns.Title)?.Trim();
        var basePrice = Decimal(ProductCsvColumns.BasePrice);
        if (sku is null)
        {
            Error(ProductCsvColumns.Sku, "A SKU is required.");
        }

        if (title is null)
        {
            Error(ProductCsvColumns.Title, "A title is required.");
        }

        if (basePrice is null && Text(ProductCsvColumns.BasePrice) is null)
        {
            Error(ProductCsvColumns.BasePrice, "A base price is required.");
        }

        if (!PriceRuleParser.TryParseMap(Text(ProductCsvColumns.PriceRules), out var priceRules, out var ruleError))
        {
            Error(ProductCsvColumns.PriceRules, ruleError!);
        }

        var length = Decimal(ProductCsvColumns.LengthCm);
        var width = Decimal(ProductCsvColumns.WidthCm);
        var height = Decimal(ProductCsvColumns.HeightCm);
        if ((length, width, height) is not (null, null, null) && (length is null || width is null || height is null))
        {
            Error(ProductCsvColumns.LengthCm, "Give all of length_cm, width_cm and height_cm, or none.");
        }

        var barcode = Text(ProductCsvColumns.Barcode)?.Trim();
        var catalogue = Text(ProductCsvColumns.CatalogueNumber)?.Trim();
        var matrix = Text(ProductCsvColumns.MatrixRunout)?.Trim();
        var discogs = Parse(ProductCsvColumns.DiscogsReleaseId, t => (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v), v), "a Discogs release id");
        var product = new Product
        {
            Sku = sku ?? string.Empty,
            Title = title ?? string.Empty,
            DescriptionHtml = Text(ProductCsvColumns.DescriptionHtml) ?? string.Empty,
            Brand = Text(ProductCsvColumns.Brand)?.Trim(),
            Model = Text(ProductCsvColumns.Model)?.Trim(),
            Year = Int(ProductCsvColumns.Year),
            Condition = Enum<ProductCondition>(ProductCsvColumns.Condition) ?? ProductCondition.Excellent,
            ConditionRating = Decimal(ProductCsvColumns.ConditionRating),
            BasePrice = basePrice ?? 0m,
            Currency = Text(ProductCsvColumns.Currency)?.Trim() ?? "GBP",
            PriceRules = priceRules,
            Quantity = Int(ProductCsvColumns.Quantity) ?? 1,
            Stocked = Bool(ProductCsvColumns.Stocked) ?? false,
            Images = (Text(ProductCsvColumns.Images) ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b => new ImageRef(b)).ToList(),
            Category = Text(ProductCsvColumns.Category)?.Trim(),
            PlatformCategories = Map(ProductCsvColumns.PlatformCategories),
            Handedness = Enum<Handedness>(ProductCsvColumns.Handedness) ?? Handedness.Right,
            ArtistOwned = Bool(ProductCsvColumns.ArtistOwned) ?? false,
            ReverbAccounts = (Text(ProductCsvColumns.ReverbAccounts) ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ShippingProfiles = Map(ProductCsvColumns.ShippingProfiles),
            WeightKg = Decimal(ProductCsvColumns.WeightKg),
            Dimensions = length is { } l && width is { } w && height is { } h ? new Dimensions(l, w, h) : null,
            Identifiers = (barcode, catalogue, matrix, discogs) is (null, null, null, null) ? null
                : new RecordIdentifiers { Barcode = barcode, CatalogueNumber = catalogue, MatrixRunout = matrix, DiscogsReleaseId = discogs },
            Status = Enum<ProductStatus>(ProductCsvColumns.Status) ?? ProductStatus.Draft,
        };

        if (errors.Count == before)
        {
            foreach (var (key, messages) in ProductValidator.Validate(product, time, configuredReverbAccounts))
            {
                foreach (var message in messages)
                {
                    Error(ProductCsvColumns.ForField(key), message);
                }
            }
        }

        return errors.Count == before ? product : null;
    }

    private static bool TryEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, System.Enum
    {
        try
        {
            value = JsonSerializer.Deserialize<TEnum>($"\"{text.ToUpperInvariant().Replace(' ', '_').Replace("\"", string.Empty, StringComparison.Ordinal)}\"", CatalogJson.Options);
            return System.Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim().FirstOrDefault());
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>The "one of …" list of an enum's wire names, built once.</summary>
    private static class EnumNames<TEnum>
        where TEnum : struct, System.Enum
    {
        public static readonly string Expected = "one of " + string.Join(", ", System.Enum.GetValues<TEnum>().Select(CatalogBatch.Wire));
    }
}
