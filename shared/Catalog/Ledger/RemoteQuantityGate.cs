using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Catalog.Ledger;

/// <summary>
/// <see cref="RemoteQuantityResolver"/> for pulls that read many listings (full PULL, reconciliation drift): the
/// platform's recent sales come from its connector (<see cref="IMarketplaceConnector.GetSalesSinceAsync"/>, one
/// <see cref="RecentSales"/> per platform, topped up as reads move on). A reported quantity equal to the catalog's is
/// left as it is without any orders query (at worst a real drift waits for the next pull); any other is replaced by
/// the effective quantity, or removed when it is an echo of our own push. Unledgered sales are only added back here:
/// the order pull and the webhooks bring them into the ledger. Reads only; safe in a dry run.
/// </summary>
public sealed class RemoteQuantityGate(RemoteQuantityResolver resolver, IEnumerable<IMarketplaceConnector> connectors, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<Platform, RecentSales> _sales = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How far back the platform's sales are looked for (never before the product's creation). Default two days.</summary>
    public TimeSpan SalesLookback { get; init; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Rewrites the <c>quantity</c> of <paramref name="incoming"/> (canonical fields a pull of <paramref name="platform"/> is
    /// about to stage for <paramref name="product"/>, read from the platform before this call) sales first. Returns the
    /// resolution, or null when there was no quantity or it equals the catalog's.
    /// </summary>
    public Task<RemoteQuantityResolution?> ApplyAsync(Platform platform, Product product, JsonObject incoming, CancellationToken cancellationToken = default)
    {
        var connector = connectors.FirstOrDefault(c => PlatformNames.TryParse(c.Platform, out var p) && p == platform);
        var sales = connector is null ? null : _sales.GetOrAdd(platform, _ => new RecentSales(connector.GetSalesSinceAsync, SalesLookback, _time));
        return ApplyAsync(platform, product, incoming, sales, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ApplyAsync(Platform, Product, JsonObject, CancellationToken)"/> with the platform's sales from
    /// <paramref name="sales"/> (null: none known, only the echo rule applies), e.g. a per-SKU orders query.
    /// </summary>
    public async Task<RemoteQuantityResolution?> ApplyAsync(Platform platform, Product product, JsonObject incoming, RecentSales? sales, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming[ProductFields.Quantity] is not JsonValue value || !value.TryGetValue<int>(out var reported) || reported == product.Quantity)
        {
            return null;
        }

        var observedAt = _time.GetUtcNow();
        IEnumerable<SaleEvent> recent = [];
        if (sales is not null)
        {
            // Sales before the product entered the catalog are in its initial quantity (platform timestamps have whole seconds).
            var createdAt = product.CreatedAt - TimeSpan.FromSeconds(1);
            recent = (await sales.ForSkuAsync(product.Sku, observedAt, cancellationToken)).Where(s => s.OccurredAt >= createdAt);
        }

        var resolution = await resolver.ResolveAsync(product.Sku, platform, reported, recent, observedAt, cancellationToken);
        if (resolution.Echo)
        {
            incoming.Remove(ProductFields.Quantity);
        }
        else
        {
            incoming[ProductFields.Quantity] = resolution.Effective;
        }

        return resolution;
    }
}
