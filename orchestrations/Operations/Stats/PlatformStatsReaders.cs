using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Operations.Stats;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>The stats readers of the configured platforms, and the connected platforms that have none.</summary>
public sealed class PlatformStatsReaders(IEnumerable<IListingStatsReader> readers, SyncConnectors connectors)
{
    private readonly Dictionary<Platform, IListingStatsReader> _readers = readers.ToDictionary(r => r.Platform);

    /// <summary>Platforms with a reader, in declaration order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. _readers.Keys.Order()];

    /// <summary>Connected platforms whose API documents no listing stats.</summary>
    public IReadOnlyList<Platform> Unsupported => [.. connectors.Platforms.Where(p => !_readers.ContainsKey(p))];

    /// <exception cref="InvalidOperationException">The platform has no reader.</exception>
    public IListingStatsReader Get(Platform platform) =>
        _readers.TryGetValue(platform, out var reader) ? reader : throw new InvalidOperationException($"No stats reader for {platform.ToWire()}.");
}
