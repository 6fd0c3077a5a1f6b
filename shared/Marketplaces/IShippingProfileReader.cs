namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// Reads which shipping profile a live listing uses (Shopify delivery profile, eBay fulfillment policy, Reverb
/// shipping profile), for the audit of listings that drifted from the configured profile. Implemented by connectors.
/// </summary>
public interface IShippingProfileReader
{
    /// <summary>The profile id the platform's listing of <paramref name="sku"/> ships under; null when there is no listing or no profile.</summary>
    Task<string?> GetShippingProfileAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>A configured profile in the form <see cref="GetShippingProfileAsync"/> returns (default: unchanged).</summary>
    string NormalizeShippingProfile(string configured) => configured;

    /// <summary>
    /// The platform's live listings of <paramref name="sku"/>, one per shop, each with the profile it should ship under for
    /// the product's <paramref name="configured"/> profile and the one it does. Default: the platform's one listing, with
    /// no shop named (a platform with several shops, such as Reverb, answers per shop).
    /// </summary>
    async Task<IReadOnlyList<ShopShippingProfile>> GetShopShippingProfilesAsync(string sku, string configured, CancellationToken cancellationToken = default) =>
        [new ShopShippingProfile(null, configured, NormalizeShippingProfile(configured), await GetShippingProfileAsync(sku, cancellationToken))];
}

/// <summary>
/// A listing's shipping profile in one shop: the shop's key (null on a platform with one shop), the profile configured for
/// it as the operator gave it, the same in the platform's form (<see cref="IShippingProfileReader.NormalizeShippingProfile"/>),
/// and the profile the listing has (null: none or no listing).
/// </summary>
public sealed record ShopShippingProfile(string? Shop, string Configured, string Expected, string? Live);
