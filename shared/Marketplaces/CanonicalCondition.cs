namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// The catalog writes conditions by their wire names (<c>VERY_GOOD</c>, <c>BRAND_NEW</c>, <c>NON_FUNCTIONING</c>), people
/// and older data write them as words ("Very Good"). Mappers compare <see cref="Key"/> so both spellings map alike.
/// </summary>
public static class CanonicalCondition
{
    /// <summary>Upper case, words separated by one space (<c>VERY_GOOD</c>, "very good" and "Very-Good" give "VERY GOOD"); null for none.</summary>
    public static string? Key(string? condition) =>
        string.IsNullOrWhiteSpace(condition)
            ? null
            : string.Join(' ', condition.Trim().ToUpperInvariant().Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries));
}
