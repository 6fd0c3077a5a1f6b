using System.Globalization;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>
    /// The delivery profile a shipping-profile setting names (<c>gid://shopify/DeliveryProfile/…</c> or its numeric part),
    /// or null when the value is no Shopify delivery-profile id (e.g. another platform's policy name sent in a shared draft).
    /// </summary>
    public static string? DeliveryProfileGid(string? profile)
    {
        const string Prefix = "gid://shopify/DeliveryProfile/";
        var tail = profile is not null && profile.StartsWith(Prefix, StringComparison.Ordinal) ? profile[Prefix.Length..] : profile;
        return long.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? Prefix + tail : null;
    }

    /// <summary>The id of the delivery profile the variant ships under (Shopify puts every variant in one; null if the variant is gone).</summary>
    public async Task<string?> GetVariantDeliveryProfileAsync(string variantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(variantId);
        var data = await ExecuteAsync("productVariant", ShopifyDocuments.VariantDeliveryProfile, w => w.WriteString("id", variantId), cancellationToken);
        var variant = data.GetProperty("productVariant");
        return variant.ValueKind == JsonValueKind.Object && variant.TryGetProperty("deliveryProfile", out var profile) && profile.ValueKind == JsonValueKind.Object
            ? profile.OptionalString("id")
            : null;
    }

    /// <summary>
    /// Moves variants into a delivery profile (<c>deliveryProfileUpdate</c> with <c>variantsToAssociate</c>; Shopify
    /// takes them out of their previous profile). Idempotent: associating a variant already in the profile changes nothing.
    /// </summary>
    /// <exception cref="ShopifyUserErrorException">Shopify refused (e.g. no such profile).</exception>
    public async Task AssignDeliveryProfileAsync(string profile, IReadOnlyList<string> variantIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variantIds);
        var data = await ExecuteAsync("deliveryProfileUpdate", ShopifyDocuments.DeliveryProfileUpdate, w =>
        {
            w.WriteString("id", DeliveryProfileGid(profile) ?? throw new ArgumentException($"'{profile}' is not a Shopify delivery profile id.", nameof(profile)));
            w.WriteStartObject("profile");
            w.WriteStartArray("variantsToAssociate");
            foreach (var id in variantIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken);
        ShopifyResponses.ThrowOnUserErrors("deliveryProfileUpdate", data.GetProperty("deliveryProfileUpdate"));
    }
}
