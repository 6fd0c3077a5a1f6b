namespace Marketplace.Shared.Catalog.Csv;

/// <summary>
/// Columns of the catalog CSV (header row required, any order, unknown columns rejected). Required:
/// <c>sku</c>, <c>title</c>, <c>base_price</c>. Lists separated by <c>|</c>: <c>images</c> and <c>reverb_accounts</c> (the
/// Reverb shops' keys, <c>default|b</c>; empty: the default shop only); maps
/// (<c>price_rules</c>, <c>platform_categories</c>, <c>shipping_profiles</c>) as <c>platform=value;platform=value</c>,
/// price rules in <see cref="Products.PriceRuleParser"/>'s form. Numbers use '.' as decimal separator. A row is the whole
/// product: an optional column the file does not have reads as an empty cell (its default).
/// </summary>
public static class ProductCsvColumns
{
    public const string Sku = "sku";
    public const string Title = "title";
    public const string DescriptionHtml = "description_html";
    public const string Brand = "brand";
    public const string Model = "model";
    public const string Year = "year";
    public const string Condition = "condition";
    public const string ConditionRating = "condition_rating";
    public const string BasePrice = "base_price";
    public const string Currency = "currency";
    public const string PriceRules = "price_rules";
    public const string Quantity = "quantity";
    public const string Stocked = "stocked";
    public const string Images = "images";
    public const string Category = "category";
    public const string PlatformCategories = "platform_categories";
    public const string Handedness = "handedness";
    public const string ArtistOwned = "artist_owned";
    public const string ShippingProfiles = "shipping_profiles";
    public const string WeightKg = "weight_kg";
    public const string LengthCm = "length_cm";
    public const string WidthCm = "width_cm";
    public const string HeightCm = "height_cm";
    public const string Barcode = "barcode";
    public const string CatalogueNumber = "catalogue_number";
    public const string MatrixRunout = "matrix_runout";
    public const string DiscogsReleaseId = "discogs_release_id";
    public const string Status = "status";
    public const string ReverbAccounts = "reverb_accounts";

    /// <summary>Every column, in export order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Sku, Title, DescriptionHtml, Brand, Model, Year, Condition, ConditionRating, BasePrice, Currency, PriceRules, Quantity, Stocked,
        Images, Category, PlatformCategories, Handedness, ArtistOwned, ShippingProfiles, WeightKg, LengthCm, WidthCm, HeightCm,
        Barcode, CatalogueNumber, MatrixRunout, DiscogsReleaseId, Status, ReverbAccounts,
    ];

    /// <summary>Columns a file must have.</summary>
    public static IReadOnlyList<string> Required { get; } = [Sku, Title, BasePrice];

    /// <summary>The column reporting a <see cref="Products.ProductValidator"/> error key.</summary>
    internal static string ForField(string field) => field switch
    {
        "descriptionHtml" => DescriptionHtml,
        "conditionRating" => ConditionRating,
        "basePrice" => BasePrice,
        "weightKg" => WeightKg,
        "dimensions" => LengthCm,
        "identifiers.discogsReleaseId" => DiscogsReleaseId,
        "identifiers.barcode" => Barcode,
        "reverbAccounts" => ReverbAccounts,
        _ when field.StartsWith("priceRules", StringComparison.Ordinal) => PriceRules,
        _ when field.StartsWith("images", StringComparison.Ordinal) => Images,
        _ => field,
    };
}

/// <summary>One problem in a CSV file: physical line (1 = header), column name and message.</summary>
public sealed record CsvError(int Line, string Column, string Message);

/// <summary>
/// The result of validating a file: rows read, rows valid, the first errors (up to the configured cap) and
/// the total error count. <see cref="IsValid"/> when there is no error at all.
/// </summary>
public sealed record CsvValidationReport(int Rows, int ValidRows, IReadOnlyList<CsvError> Errors, int ErrorCount)
{
    public bool IsValid => ErrorCount == 0;
}

/// <summary>What an import did. Nothing is applied (<see cref="Applied"/> false) when the file has errors and the caller did not ask to apply the valid rows.</summary>
public sealed record CsvImportResult(CsvValidationReport Validation, bool Applied, int Created, int Updated, int Unchanged, int QuantityChanges)
{
    /// <summary>Rows whose quantity and status were not applied because the stock moved (sold, returned, adjusted) after the last import.</summary>
    public IReadOnlyList<CsvSkippedRow> Skipped { get; init; } = [];
}

/// <summary>A row not (fully) applied and why.</summary>
public sealed record CsvSkippedRow(string Sku, string Reason);
