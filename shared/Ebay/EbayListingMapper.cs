using System.Globalization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

/// <summary>Maps a <see cref="ListingDraft"/> to eBay's inventory item and offer.</summary>
internal static class EbayListingMapper
{
    // Draft attributes that are not item specifics: other platforms' settings, ids of our own, and values eBay takes in
    // their own fields (the barcode as EAN/UPC, the weight in the package).
    private static readonly HashSet<string> NotAspects = new(StringComparer.Ordinal)
    {
        Reverb.ReverbListingMapper.LeftHandedAttribute, Reverb.ReverbListingMapper.LeftHandedCategoryAttribute, Reverb.ReverbAccounts.DraftAttribute,
        Reverb.ReverbListingMapper.ConditionUuidAttribute, "discogsReleaseId", "barcode", "weightKg",
    };

    public static EbayInventoryItem ToInventoryItem(ListingDraft draft)
    {
        var aspects = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (draft.Brand is { Length: > 0 } brand)
        {
            aspects["Brand"] = [brand];
        }

        if (draft.Model is { Length: > 0 } model)
        {
            aspects["Model"] = [model];
        }

        if (draft.Year is { } year)
        {
            aspects["Model Year"] = [year.ToString(CultureInfo.InvariantCulture)];
        }

        foreach (var (name, value) in draft.Attributes.Where(a => !NotAspects.Contains(a.Key)))
        {
            aspects[name] = [value];
        }

        // A barcode is a GTIN: 12 digits a UPC, 8 or 13 an EAN (14-digit GTINs have no field here).
        var barcode = draft.Attributes.GetValueOrDefault("barcode");

        return new EbayInventoryItem
        {
            Product = new EbayProduct
            {
                Title = draft.Title.Length > 80 ? draft.Title[..80] : draft.Title,
                Description = draft.DescriptionHtml,
                Brand = draft.Brand,
                Mpn = draft.Model,
                Aspects = aspects,
                ImageUrls = draft.ImageUrls,
                Upc = barcode is { Length: 12 } ? [barcode] : null,
                Ean = barcode is { Length: 8 or 13 } ? [barcode] : null,
            },
            Condition = Condition(draft.Condition),
            Availability = new EbayAvailability(new EbayShipToLocationAvailability(draft.Quantity)),
            PackageWeightAndSize = draft.WeightKg is null && draft.Dimensions is null ? null : new EbayPackageWeightAndSize(
                draft.Dimensions is { } d ? new EbayDimensions(d.LengthCm, d.WidthCm, d.HeightCm, "CENTIMETER") : null,
                draft.WeightKg is { } kg ? new EbayWeight(kg, "KILOGRAM") : null),
        };
    }

    public static EbayOffer ToOffer(ListingDraft draft, EbayClientOptions options) => new()
    {
        Sku = draft.Sku,
        MarketplaceId = options.MarketplaceId,
        // No offer-level quantity: the listing then follows the inventory item's ship-to-home quantity, which
        // bulk_update_price_quantity sets by SKU alone (eBay lists the smaller of the two when both are set).
        AvailableQuantity = null,
        CategoryId = draft.CategoryId,
        ListingDescription = draft.DescriptionHtml,
        MerchantLocationKey = options.MerchantLocationKey,
        ListingPolicies = new EbayListingPolicies(options.PaymentPolicyId, options.ReturnPolicyId, draft.ShippingProfileId ?? options.FulfillmentPolicyId),
        PricingSummary = new EbayPricingSummary(new EbayAmount(draft.Price.ToString("0.00", CultureInfo.InvariantCulture), draft.Currency)),
    };

    /// <summary>Canonical condition names to eBay's ConditionEnum.</summary>
    public static string Condition(string? canonical) => CanonicalCondition.Key(canonical) switch
    {
        "NEW" or "BRAND NEW" => "NEW",
        "MINT" => "LIKE_NEW",
        "EXCELLENT" => "USED_EXCELLENT",
        "VERY GOOD" => "USED_VERY_GOOD",
        "GOOD" => "USED_GOOD",
        "FAIR" => "USED_ACCEPTABLE",
        "POOR" or "NON FUNCTIONING" or "FOR PARTS" => "FOR_PARTS_OR_NOT_WORKING",
        _ => "USED_GOOD",
    };

    public static ListingReference ToReference(EbayOffer offer, string? listingId = null)
    {
        listingId ??= offer.Listing?.ListingId;
        var status = offer.Status == "PUBLISHED" ? "ACTIVE" : listingId is null ? "DRAFT" : "ENDED";
        var url = listingId is null ? null : new Uri($"https://www.ebay.com/itm/{listingId}");
        return new ListingReference(MarketplacePlatform.Ebay, offer.Sku, listingId ?? offer.OfferId ?? string.Empty, url, status);
    }
}
