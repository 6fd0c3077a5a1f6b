using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>The platforms the stale-stock policies cover: those that can relist (eBay, Reverb when configured) and Shopify when connected.</summary>
public sealed class StaleStockPlatforms(IEnumerable<Platform> platforms)
{
    /// <summary>In declaration order.</summary>
    public IReadOnlyList<Platform> All { get; } = [.. platforms.Distinct().Order()];
}
