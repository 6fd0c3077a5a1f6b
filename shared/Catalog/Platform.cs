using System.Text.Json.Serialization;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog;

/// <summary>
/// A marketplace the catalog is synced to: the typed form of <see cref="MarketplacePlatform"/>. On the wire and
/// in storage: the same lower-case names (<c>vintageandrare</c>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Platform>))]
public enum Platform
{
    /// <summary>Shopify (categories map handedness).</summary>
    [JsonStringEnumMemberName("shopify")]
    Shopify,

    /// <summary>eBay (categories map handedness).</summary>
    [JsonStringEnumMemberName("ebay")]
    Ebay,

    /// <summary>Reverb (handedness is a listing attribute, not a category).</summary>
    [JsonStringEnumMemberName("reverb")]
    Reverb,

    /// <summary>Vintage &amp; Rare (categories map handedness).</summary>
    [JsonStringEnumMemberName("vintageandrare")]
    VintageAndRare,

    /// <summary>Shopware 6 (categories map handedness).</summary>
    [JsonStringEnumMemberName("shopware")]
    Shopware,

    /// <summary>Discogs (records only; no instrument categories).</summary>
    [JsonStringEnumMemberName("discogs")]
    Discogs,
}

/// <summary>Wire names of <see cref="Platform"/> and their parsing.</summary>
public static class PlatformNames
{
    private static readonly Platform[] All = Enum.GetValues<Platform>();

    /// <summary>Every platform, in declaration order.</summary>
    public static IReadOnlyList<Platform> Values => All;

    /// <summary>The lower-case wire name, e.g. <c>vintageandrare</c>.</summary>
    public static string ToWire(this Platform platform) => platform switch
    {
        Platform.Shopify => MarketplacePlatform.Shopify,
        Platform.Ebay => MarketplacePlatform.Ebay,
        Platform.Reverb => MarketplacePlatform.Reverb,
        Platform.VintageAndRare => MarketplacePlatform.VintageAndRare,
        Platform.Shopware => MarketplacePlatform.Shopware,
        Platform.Discogs => MarketplacePlatform.Discogs,
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform."),
    };

    /// <summary>Parses a wire name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? value, out Platform platform)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWire(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                platform = candidate;
                return true;
            }
        }

        platform = default;
        return false;
    }

    /// <summary>The accepted names, for error messages.</summary>
    public static string Expected => string.Join(", ", All.Select(p => p.ToWire()));
}
