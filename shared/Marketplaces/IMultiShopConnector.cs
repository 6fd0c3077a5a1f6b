namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// A connector that manages several shops of one platform (Reverb accounts). A sale in one shop must still reach the
/// others, so the sale's own platform is pushed too when <see cref="ShopCount"/> is more than one.
/// </summary>
public interface IMultiShopConnector
{
    /// <summary>How many shops the connector manages.</summary>
    int ShopCount { get; }
}
