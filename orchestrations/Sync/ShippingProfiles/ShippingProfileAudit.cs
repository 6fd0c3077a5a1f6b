using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Sync.ShippingProfiles;

/// <summary>
/// A live listing whose shipping profile differs from the product's configured one for the platform; on a platform with
/// several shops (Reverb), <paramref name="Shop"/> names the shop and <paramref name="Configured"/> is that shop's profile.
/// </summary>
public sealed record ShippingProfileDrift(string Sku, Platform Platform, string Configured, string? Live, string? Shop = null);

/// <summary>The outcome of re-pushing one drifted product's listing (every shop of the platform at once).</summary>
public sealed record ShippingProfileFix(string Sku, Platform Platform, bool Succeeded, string? Error);

/// <summary>
/// Finds live listings (ACTIVE, linked) whose shipping profile on the platform differs from the product's configured
/// <see cref="Product.ShippingProfiles"/> entry (old listings made before a profile change), and fixes them by a forced
/// push of the listing (<see cref="ListingPusher"/>: each connector sends the configured profile). Listings without a
/// configured profile, and platforms whose connector cannot read profiles, are not audited. On Reverb each shop holding
/// the listing is audited against its own profile (<c>Reverb:Accounts:{key}:ShippingProfiles</c>). Reads the platforms.
/// </summary>
public sealed class ShippingProfileAudit(ListingStore listings, ProductCatalog catalog, SyncConnectors connectors, ListingPusher pusher)
{
    /// <summary>The drifted listings on <paramref name="platform"/>: it stops once it holds <paramref name="limit"/>, keeping a product's shops together.</summary>
    public async Task<IReadOnlyList<ShippingProfileDrift>> FindDriftAsync(Platform platform, int limit, CancellationToken cancellationToken = default)
    {
        var drift = new List<ShippingProfileDrift>();
        if (!connectors.TryGet(platform, out var connector) || connector is not IShippingProfileReader reader)
        {
            return drift;
        }

        await foreach (var listing in listings.QueryAsync(platform, ListingStatus.Active, cancellationToken))
        {
            if (listing.ExternalId is null
                || await catalog.GetAsync(listing.Sku, cancellationToken) is not { } product
                || !product.ShippingProfiles.TryGetValue(platform, out var configured))
            {
                continue;
            }

            foreach (var shop in await reader.GetShopShippingProfilesAsync(listing.Sku, configured, cancellationToken))
            {
                if (shop.Live != shop.Expected)
                {
                    drift.Add(new ShippingProfileDrift(listing.Sku, platform, shop.Configured, shop.Live, shop.Shop));
                }
            }

            if (drift.Count >= limit)
            {
                break;
            }
        }

        return drift;
    }

    /// <summary>Re-pushes each drifted listing on <paramref name="platform"/> (at most <paramref name="limit"/>); a failure is reported, not thrown.</summary>
    public async Task<IReadOnlyList<ShippingProfileFix>> FixAsync(Platform platform, int limit, string correlationId, CancellationToken cancellationToken = default)
    {
        var fixes = new List<ShippingProfileFix>();
        // One forced push sends every shop of the platform its profile: a product drifted in two shops is pushed once.
        foreach (var drift in (await FindDriftAsync(platform, limit, cancellationToken)).DistinctBy(d => d.Sku))
        {
            try
            {
                var outcome = await pusher.PushAsync(new ListingPush(drift.Sku, platform, ListingAction.Upsert, Force: true), correlationId, cancellationToken);
                fixes.Add(new ShippingProfileFix(drift.Sku, platform, outcome.Succeeded, outcome.Error));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The pusher recorded the failed attempt on the listing; the fix reports it and goes on with the others.
                fixes.Add(new ShippingProfileFix(drift.Sku, platform, false, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return fixes;
    }
}
