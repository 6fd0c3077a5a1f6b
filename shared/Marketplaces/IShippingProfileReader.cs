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
}
