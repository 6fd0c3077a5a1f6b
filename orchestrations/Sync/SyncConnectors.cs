using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync;

/// <summary>The connected platforms: every <see cref="IMarketplaceConnector"/> registered in DI, by platform.</summary>
public sealed class SyncConnectors
{
    private readonly Dictionary<Platform, IMarketplaceConnector> _byPlatform = [];

    public SyncConnectors(IEnumerable<IMarketplaceConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        foreach (var connector in connectors)
        {
            if (!PlatformNames.TryParse(connector.Platform, out var platform))
            {
                throw new ArgumentException($"Connector platform '{connector.Platform}' is not one of {PlatformNames.Expected}.", nameof(connectors));
            }

            if (!_byPlatform.TryAdd(platform, connector))
            {
                throw new ArgumentException($"Two connectors are registered for platform '{connector.Platform}'.", nameof(connectors));
            }
        }
    }

    /// <summary>The connected platforms, in declaration order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. _byPlatform.Keys.Order()];

    public bool TryGet(Platform platform, out IMarketplaceConnector connector) => _byPlatform.TryGetValue(platform, out connector!);

    /// <summary>The connector for <paramref name="platform"/>.</summary>
    /// <exception cref="InvalidOperationException">The platform is not connected.</exception>
    public IMarketplaceConnector Get(Platform platform) => TryGet(platform, out var connector)
        ? connector
        : throw new InvalidOperationException($"Platform '{platform.ToWire()}' is not connected (no connector registered).");
}
