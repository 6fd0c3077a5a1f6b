using Marketplace.Shared.Catalog;
using Marketplace.Shared.Operations.Images;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>The image clients of the platforms that are configured (those whose API client is registered).</summary>
public sealed class ListingImageClients(IEnumerable<IListingImageClient> clients)
{
    private readonly Dictionary<Platform, IListingImageClient> _clients = clients.ToDictionary(c => c.Platform);

    /// <summary>Platforms with an image client, in declaration order.</summary>
    public IReadOnlyList<Platform> Platforms => [.. _clients.Keys.Order()];

    /// <exception cref="InvalidOperationException">The platform is not configured.</exception>
    public IListingImageClient Get(Platform platform) =>
        _clients.TryGetValue(platform, out var client) ? client : throw new InvalidOperationException($"No image client for {platform.ToWire()}.");
}
