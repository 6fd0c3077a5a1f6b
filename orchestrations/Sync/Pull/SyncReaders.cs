using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// The platforms that can be pulled from: every registered <see cref="IMarketplaceListingReader"/>, and every
/// connector that also implements it (a registered reader wins over the connector for its platform).
/// </summary>
public sealed class SyncReaders
{
    private readonly Dictionary<Platform, IMarketplaceListingReader> _byPlatform = [];

    public SyncReaders(IEnumerable<IMarketplaceListingReader> readers, IEnumerable<IMarketplaceConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(connectors);
        foreach (var reader in readers)
        {
            if (!PlatformNames.TryParse(reader.Platform, out var platform))
            {
                throw new ArgumentException($"Listing reader platform '{reader.Platform}' is not one of {PlatformNames.Expected}.", nameof(readers));
            }

            if (!_byPlatform.TryAdd(platform, reader))
            {
                throw new ArgumentException($"Two listing readers are registered for platform '{reader.Platform}'.", nameof(readers));
            }
        }

        foreach (var connector in connectors)
        {
            if (connector is IMarketplaceListingReader reader && PlatformNames.TryParse(reader.Platform, out var platform))
            {
                _byPlatform.TryAdd(platform, reader);
            }
        }
    }

    /// <summary>The platforms with a reader, in declaration order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. _byPlatform.Keys.Order()];

    public bool TryGet(Platform platform, out IMarketplaceListingReader reader) => _byPlatform.TryGetValue(platform, out reader!);

    /// <summary>The reader for <paramref name="platform"/>.</summary>
    /// <exception cref="InvalidOperationException">The platform has no reader.</exception>
    public IMarketplaceListingReader Get(Platform platform) => TryGet(platform, out var reader)
        ? reader
        : throw new InvalidOperationException($"Platform '{platform.ToWire()}' cannot be pulled from (no listing reader registered).");
}
