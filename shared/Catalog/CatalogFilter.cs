using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// Combines OData filters of the catalog's queries. Each condition comes from
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes values as literals.
/// </summary>
internal static class CatalogFilter
{
    /// <summary><c>(filter) and (extra)</c>, or <paramref name="filter"/> alone when there is no extra condition.</summary>
    public static string And(string filter, string? extra) => extra is null ? filter : $"({filter}) and ({extra})";

    /// <summary>All <paramref name="conditions"/>, or null when there are none (no filter).</summary>
    public static string? All(IReadOnlyCollection<string> conditions) => conditions.Count switch
    {
        0 => null,
        1 => conditions.First(),
        _ => string.Join(" and ", conditions.Select(c => $"({c})")),
    };
}
