using System.Globalization;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog.Listings;

/// <summary>
/// Maps a canonical product to what a connector pushes to one platform (<see cref="ListingDraft"/>): the price
/// after the platform's <see cref="PriceRule"/>, the platform category from the <see cref="CategoryMap"/>
/// (left-handed items to the left-handed category, or a <c>handedness</c> attribute on Reverb), the platform's
/// shipping profile, images in order as public URLs, and attributes for handedness, artist ownership and
/// record identifiers. Only ACTIVE products are published.
/// </summary>
public static class ListingDraftMapper
{
    /// <summary>
    /// Builds the draft; <paramref name="imageUrl"/> turns a blob reference into a public URL; <paramref name="quantityRule"/>
    /// (the platform's, default <see cref="QuantityRule.None"/>) shapes the quantity shown.
    /// </summary>
    /// <exception cref="CatalogValidationException">A left-handed product's category has no left-handed mapping on the platform.</exception>
    public static ListingDraft ToDraft(Product product, Platform platform, CategoryMap categories, Func<ImageRef, string> imageUrl, QuantityRule? quantityRule = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(imageUrl);
        var category = categories.Resolve(product, platform);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["handedness"] = CatalogBatch.Wire(product.Handedness),
            ["artistOwned"] = product.ArtistOwned ? "true" : "false",
        };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                attributes[key] = value;
            }
        }

        Add("conditionRating", product.ConditionRating?.ToString(CultureInfo.InvariantCulture));
        Add("barcode", product.Identifiers?.Barcode);
        Add("catalogueNumber", product.Identifiers?.CatalogueNumber);
        Add("matrixRunout", product.Identifiers?.MatrixRunout);
        Add("discogsReleaseId", product.Identifiers?.DiscogsReleaseId?.ToString(CultureInfo.InvariantCulture));
        Add("weightKg", product.WeightKg?.ToString(CultureInfo.InvariantCulture));
        if (category.LeftHandedAttribute)
        {
            attributes["leftHanded"] = "true";
            Add("leftHandedCategoryId", category.LeftHandedCategoryId);
        }

        if (platform == Platform.Reverb && product.ReverbAccounts.Count > 0)
        {
            attributes["reverbAccounts"] = string.Join(',', product.ReverbAccounts);
        }

        return new ListingDraft
        {
            Sku = product.Sku,
            Title = product.Title,
            DescriptionHtml = product.DescriptionHtml,
            Brand = product.Brand,
            Model = product.Model,
            Year = product.Year,
            Price = product.PriceRules.TryGetValue(platform, out var rule) ? rule.Apply(product.BasePrice) : product.BasePrice,
            Currency = product.Currency,
            Quantity = product.Status == ProductStatus.Active ? (quantityRule ?? QuantityRule.None).Apply(product.Quantity, product.Stocked) : 0,
            Condition = CatalogBatch.Wire(product.Condition),
            CategoryId = category.CategoryId,
            ShippingProfileId = product.ShippingProfiles.TryGetValue(platform, out var profile) ? profile : null,
            ImageUrls = product.Images.Select(imageUrl).ToList(),
            WeightKg = product.WeightKg,
            Dimensions = product.Dimensions,
            Attributes = attributes,
            Publish = product.Status == ProductStatus.Active,
        };
    }
}
