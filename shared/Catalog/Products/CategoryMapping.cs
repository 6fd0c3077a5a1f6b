namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// Where a canonical category goes on one platform: <see cref="PlatformCategoryId"/>, and for platforms that
/// express handedness through categories, <see cref="LeftHandedCategoryId"/> for left-handed items.
/// </summary>
public sealed record CategoryMapping(string CanonicalCategory, Platform Platform, string PlatformCategoryId, string? LeftHandedCategoryId = null);

/// <summary>The platform category chosen for a product, plus the handedness attribute for platforms that use one.</summary>
/// <param name="CategoryId">The platform's category id, or null when the platform has none for this product.</param>
/// <param name="LeftHandedAttribute">True when the platform needs a left-handed attribute (Reverb) instead of a category.</param>
/// <param name="LeftHandedCategoryId">With <paramref name="LeftHandedAttribute"/>: the mapping's left-handed category, sent beside the category (Reverb's Left-Handed sub-category).</param>
public sealed record PlatformCategory(string? CategoryId, bool LeftHandedAttribute, string? LeftHandedCategoryId = null);

/// <summary>
/// Resolves per-platform categories. Order: the product's explicit <see cref="Product.PlatformCategories"/>
/// override; else the mapping of its canonical category — for a left-handed product on a platform that uses
/// categories for handedness (everything but Reverb and Discogs) the mapping's left-handed category, and a
/// <see cref="CatalogValidationException"/> on <c>category</c> when that mapping has none (pushing it to the
/// right-handed category would mislist it).
/// </summary>
public sealed class CategoryMap
{
    private readonly Dictionary<(string Category, Platform Platform), CategoryMapping> _mappings;

    public CategoryMap(IEnumerable<CategoryMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        _mappings = [];
        foreach (var mapping in mappings)
        {
            _mappings[(Normalize(mapping.CanonicalCategory), mapping.Platform)] = mapping;
        }
    }

    /// <summary>The empty map (every platform falls back to product overrides).</summary>
    public static CategoryMap Empty { get; } = new([]);

    /// <summary>True when the platform expresses handedness through its category tree.</summary>
    public static bool UsesHandednessCategories(Platform platform) => platform is not (Platform.Reverb or Platform.Discogs);

    /// <summary>The category for <paramref name="product"/> on <paramref name="platform"/>.</summary>
    public PlatformCategory Resolve(Product product, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(product);
        var left = product.Handedness == Handedness.Left;
        var attribute = left && platform == Platform.Reverb;
        if (product.PlatformCategories.TryGetValue(platform, out var explicitId))
        {
            return new PlatformCategory(explicitId, attribute);
        }

        if (product.Category is null || !_mappings.TryGetValue((Normalize(product.Category), platform), out var mapping))
        {
            return new PlatformCategory(null, attribute);
        }

        if (left && UsesHandednessCategories(platform))
        {
            return mapping.LeftHandedCategoryId is { } leftId
                ? new PlatformCategory(leftId, false)
                : throw CatalogValidationException.For("category",
                    $"Category '{product.Category}' has no left-handed mapping on {platform.ToWire()}; add one or set platformCategories.{platform.ToWire()}.");
        }

        return new PlatformCategory(mapping.PlatformCategoryId, attribute, attribute ? mapping.LeftHandedCategoryId : null);
    }

    /// <summary>
    /// The handedness a platform listing's categories say (the pull side of <see cref="Resolve"/>): left when one is a
    /// left-handed category of a mapping on <paramref name="platform"/>, right when one is the right-handed category of a
    /// mapping that has a left-handed one; null when they say nothing about it.
    /// </summary>
    public Handedness? HandednessOf(Platform platform, IReadOnlyCollection<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(categoryIds);
        var handed = _mappings.Values.Where(m => m.Platform == platform && m.LeftHandedCategoryId is not null).ToList();
        if (handed.Any(m => categoryIds.Contains(m.LeftHandedCategoryId!, StringComparer.Ordinal)))
        {
            return Handedness.Left;
        }

        return handed.Any(m => categoryIds.Contains(m.PlatformCategoryId, StringComparer.Ordinal)) ? Handedness.Right : null;
    }

    private static string Normalize(string category) => category.Trim().ToLowerInvariant();
}
