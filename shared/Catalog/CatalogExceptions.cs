namespace Marketplace.Shared.Catalog;

/// <summary>Base of the catalog's expected failures; <see cref="Field"/> names the input field at fault when there is one.</summary>
public abstract class CatalogException(string message, string? field = null) : Exception(message)
{
    /// <summary>The (camelCase) field the failure is about, or null.</summary>
    public string? Field { get; } = field;
}

/// <summary>A product, listing, change set or entry does not exist.</summary>
public sealed class CatalogNotFoundException(string message, string? field = null) : CatalogException(message, field);

/// <summary>
/// The request lost a race or contradicts the current state: a stale expected version, a change set in the
/// wrong state, a field that changed since it was staged, an existing SKU.
/// </summary>
public sealed class CatalogConflictException(string message, string? field = null) : CatalogException(message, field);

/// <summary>The input is invalid; <see cref="Errors"/> maps each field to its problems.</summary>
public sealed class CatalogValidationException(IReadOnlyDictionary<string, string[]> errors)
    : CatalogException("Invalid input: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), errors.Keys.FirstOrDefault())
{
    /// <summary>Problems by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>A validation failure of one field.</summary>
    public static CatalogValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
