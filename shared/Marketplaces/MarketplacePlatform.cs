namespace Marketplace.Shared.Marketplaces;

/// <summary>Platform identifiers as stored in listings, ledger entries and routes (lower case).</summary>
public static class MarketplacePlatform
{
    public const string Shopify = "shopify";
    public const string Ebay = "ebay";
    public const string Reverb = "reverb";
    public const string VintageAndRare = "vintageandrare";
    public const string Shopware = "shopware";
    public const string Discogs = "discogs";

    /// <summary>Every platform this product integrates with.</summary>
    public static IReadOnlyList<string> All { get; } = [Shopify, Ebay, Reverb, VintageAndRare, Shopware, Discogs];
}
