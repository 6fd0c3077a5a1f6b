using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// A platform's listing in the catalog's field names (pure): the values a pull stages. Only fields the platform
/// reports are included. The platform price is turned back into a base price through the product's price rule
/// for the platform; a price the rule cannot produce from any base price (rounding) or one in another currency is left out.
/// </summary>
internal static class PullDiff
{
    public const string Title = "title";
    public const string Description = "descriptionHtml";
    public const string BasePrice = "basePrice";
    public const string HandednessField = "handedness";

    /// <summary>
    /// The values a push gave the platform, in the fields a pull reads back: the listing's change-set baseline after a
    /// successful push. A pull then stages only what changed on the platform since; a platform that still shows the last
    /// push while the catalog took another platform's edit is not an edit (it would undo that edit).
    /// </summary>
    public static JsonObject Baseline(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var fields = ProductFields.ToObject(product);
        var baseline = new JsonObject();
        foreach (var field in (string[])[Title, Description, BasePrice, HandednessField])
        {
            if (ProductFields.Get(fields, field) is { } value)
            {
                baseline[field] = value;
            }
        }

        return baseline;
    }

    /// <summary>
    /// The incoming field values (handedness when <paramref name="categories"/> maps the listing's categories). Quantity only from a live (ACTIVE) listing, and not when <paramref name="includeQuantity"/>
    /// is false (reconciliation: a sale of the SKU is in flight).
    /// </summary>
    public static JsonObject Incoming(Product product, RemoteListing remote, Platform platform, bool includeQuantity = true, CategoryMap? categories = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(remote);
        var incoming = new JsonObject();
        // Handedness comes back from the listing's categories (the left-handed category, or Reverb's Left-Handed sub-category).
        if (categories is not null && remote.CategoryIds is { } categoryIds && categories.HandednessOf(platform, categoryIds) is { } handedness)
        {
            incoming[HandednessField] = JsonSerializer.SerializeToNode(handedness);
        }

        if (!string.IsNullOrWhiteSpace(remote.Title))
        {
            incoming[Title] = remote.Title;
        }

        if (remote.DescriptionHtml is not null)
        {
            incoming[Description] = remote.DescriptionHtml;
        }

        if (BasePriceFor(product, remote, platform) is { } basePrice)
        {
            incoming[BasePrice] = basePrice;
        }

        // A listing that is not live (ended, sold, draft) often keeps its last quantity: it says nothing about stock.
        if (includeQuantity && remote.Quantity is { } quantity && ListingStatuses.TryNormalize(remote.Status, out var status) && status == ListingStatus.Active)
        {
            incoming[ProductFields.Quantity] = quantity;
        }

        return incoming;
    }

    /// <summary>The platform price the catalog means for <paramref name="platform"/>: the base price after the platform's rule.</summary>
    public static decimal ExpectedPrice(Product product, Platform platform) =>
        product.PriceRules.TryGetValue(platform, out var rule) ? rule.Apply(product.BasePrice) : product.BasePrice;

    /// <summary>
    /// The base price that gives the platform's price (the current base price when the platform shows what the
    /// catalog means); null when the platform reports no price, another currency, or a price the rule cannot give.
    /// </summary>
    public static decimal? BasePriceFor(Product product, RemoteListing remote, Platform platform)
    {
        if (remote.Price is not { } price || (remote.Currency is { } currency && !string.Equals(currency, product.Currency, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (price == ExpectedPrice(product, platform))
        {
            return product.BasePrice;
        }

        if (!product.PriceRules.TryGetValue(platform, out var rule))
        {
            return price;
        }

        var factor = 1m + rule.PercentMarkup / 100m;
        if (factor <= 0m)
        {
            return null;
        }

        var candidate = Math.Round((price - rule.FixedMarkup) / factor, 2, MidpointRounding.AwayFromZero);
        return candidate >= 0m && rule.Apply(candidate) == price ? candidate : null;
    }
}
