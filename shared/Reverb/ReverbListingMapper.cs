using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>Maps a <see cref="ListingDraft"/> to Reverb's listing body and computes the fields that changed.</summary>
internal static class ReverbListingMapper
{
    /// <summary>Attribute that overrides the condition UUID (from <c>/api/listing_conditions</c>).</summary>
    public const string ConditionUuidAttribute = "reverb.condition_uuid";

    /// <summary>Draft attributes of a left-handed item (see <c>ListingDraftMapper</c>).</summary>
    public const string LeftHandedAttribute = "leftHanded";

    public const string LeftHandedCategoryAttribute = "leftHandedCategoryId";

    // Reverb's listing condition UUIDs (GET /api/listing_conditions).
    private static readonly Dictionary<string, string> Conditions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Brand New"] = "7c3f45de-2ae0-4c81-8400-fdb6b1d74890",
        ["New"] = "7c3f45de-2ae0-4c81-8400-fdb6b1d74890",
        ["B-Stock"] = "9225283f-60c2-4413-ad18-1f5eba7a856f",
        ["Mint"] = "ec942c5e-fd9d-4a70-af95-ce686ed439e5",
        ["Excellent"] = "df268ad1-c462-4ba6-b6db-e007e23922ea",
        ["Very Good"] = "ae4d9114-1bd7-4ec5-a4ba-6653af5ac84d",
        ["Good"] = "f7a3f48c-972a-44c6-b01a-0cd27488d3f6",
        ["Used"] = "f7a3f48c-972a-44c6-b01a-0cd27488d3f6",
        ["Fair"] = "98777886-76d0-44c8-865e-bb40e669e934",
        ["Poor"] = "6a9dfcad-600b-46c8-9e08-ce6e5057921e",
        ["Non Functioning"] = "fbf35668-96a0-4baa-bcde-ab18d6b1b329",
    };

    /// <summary>The full listing body for a create (a draft: publishing is a separate step).</summary>
    public static JsonObject ToWrite(ListingDraft draft, ReverbClientOptions options)
    {
        var body = new JsonObject
        {
            ["sku"] = draft.Sku,
            ["title"] = draft.Title,
            ["description"] = draft.DescriptionHtml,
            ["make"] = draft.Brand ?? "Unbranded",
            ["model"] = draft.Model ?? draft.Title,
            ["price"] = new JsonObject { ["amount"] = Amount(draft.Price), ["currency"] = draft.Currency ?? options.DefaultCurrency },
            ["has_inventory"] = true,
            ["inventory"] = draft.Quantity,
        };
        if (draft.Year is { } year)
        {
            body["year"] = year.ToString(CultureInfo.InvariantCulture);
        }

        var categories = new[] { draft.CategoryId, LeftHandedCategory(draft, options) }.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (categories.Count > 0)
        {
            body["categories"] = new JsonArray(categories.Select(c => (JsonNode)new JsonObject { ["uuid"] = c }).ToArray());
        }

        var condition = draft.Attributes.GetValueOrDefault(ConditionUuidAttribute)
            ?? (CanonicalCondition.Key(draft.Condition) is { } key && Conditions.TryGetValue(key, out var uuid) ? uuid : null);
        if (condition is not null)
        {
            body["condition"] = new JsonObject { ["uuid"] = condition };
        }

        if (draft.ShippingProfileId is { Length: > 0 } profile && long.TryParse(profile, NumberStyles.None, CultureInfo.InvariantCulture, out var profileId))
        {
            body["shipping_profile_id"] = profileId;
        }

        if (draft.ImageUrls.Count > 0)
        {
            body["photos"] = new JsonArray(draft.ImageUrls.Select(u => (JsonNode)JsonValue.Create(u)).ToArray());
        }

        return body;
    }

    /// <summary>
    /// Only the fields whose value differs from <paramref name="existing"/>. Photos are sent when their number
    /// changed (Reverb returns processed copies, not the URLs sent, so URLs cannot be compared).
    /// </summary>
    public static JsonObject Changes(ReverbListing existing, JsonObject desired)
    {
        var changes = new JsonObject();
        void IfDifferent(string name, string? current)
        {
            if (desired[name] is JsonValue value && value.ToString() != (current ?? string.Empty))
            {
                changes[name] = value.DeepClone();
            }
        }

        IfDifferent("title", existing.Title);
        IfDifferent("description", existing.Description);
        IfDifferent("make", existing.Make);
        IfDifferent("model", existing.Model);
        IfDifferent("year", existing.Year);
        if (desired["price"] is JsonObject price && (existing.Price is null
            || decimal.Parse(price["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture) != decimal.Parse(existing.Price.Amount, CultureInfo.InvariantCulture)
            || price["currency"]!.GetValue<string>() != existing.Price.Currency))
        {
            changes["price"] = price.DeepClone();
        }

        if (!existing.HasInventory || desired["inventory"]!.GetValue<int>() != existing.Inventory)
        {
            changes["has_inventory"] = true;
            changes["inventory"] = desired["inventory"]!.DeepClone();
        }

        if (desired["shipping_profile_id"] is JsonValue profile && profile.GetValue<long>() != existing.ShippingProfileId)
        {
            changes["shipping_profile_id"] = profile.DeepClone();
        }

        if (desired["categories"] is JsonArray categories
            && !categories.Select(c => c!["uuid"]!.GetValue<string>()).Order().SequenceEqual((existing.Categories ?? []).Select(c => c.Uuid).Order()))
        {
            changes["categories"] = categories.DeepClone();
        }

        if (desired["condition"] is JsonObject condition && condition["uuid"]!.GetValue<string>() != existing.Condition?.Uuid)
        {
            changes["condition"] = condition.DeepClone();
        }

        if (desired["photos"] is JsonArray photos && photos.Count != (existing.Photos?.Count ?? 0))
        {
            changes["photos"] = photos.DeepClone();
        }

        return changes;
    }

    /// <summary>
    /// The Left-Handed sub-category of a left-handed item. Reverb's listing API has no handedness field (POST /api/listings
    /// in Reverb's published API description takes make, model, categories, condition, ...); handedness is a category in
    /// Reverb's taxonomy (GET /api/categories/flat: electric-guitars/left-handed, bass-guitars/left-handed), and a listing's
    /// <c>categories</c> is a list of <c>{uuid}</c>, so the sub-category goes beside the item's own category.
    /// </summary>
    /// <exception cref="ReverbValidationException">The item is left-handed and no Left-Handed sub-category is configured (it would be listed as right-handed).</exception>
    private static string? LeftHandedCategory(ListingDraft draft, ReverbClientOptions options)
    {
        if (draft.Attributes.GetValueOrDefault(LeftHandedAttribute) != "true")
        {
            return null;
        }

        return draft.Attributes.GetValueOrDefault(LeftHandedCategoryAttribute) ?? options.LeftHandedCategoryUuid
            ?? throw new ReverbValidationException(
                $"'{draft.Sku}' is left-handed but no Left-Handed category is known for Reverb: map the category's left-handed category for reverb or set Reverb:LeftHandedCategoryUuid.",
                new Dictionary<string, IReadOnlyList<string>> { ["categories"] = ["left-handed item without a Left-Handed category"] }, null, null);
    }

    public static ListingReference ToReference(ReverbListing listing)
    {
        var status = listing.State?.Slug switch
        {
            "live" => "ACTIVE",
            "draft" => "DRAFT",
            "sold_out" or "sold" => "SOLD",
            "ended" => "ENDED",
            var other => other?.ToUpperInvariant() ?? "UNKNOWN",
        };
        var url = listing.Links is not null && listing.Links.TryGetValue("web", out var web) ? new Uri(web.Href) : null;
        return new ListingReference(MarketplacePlatform.Reverb, listing.Sku ?? string.Empty, listing.Id.ToString(CultureInfo.InvariantCulture), url, status);
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
