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
/// the listing is audited against its own profile (<c>Reverb:Accounts:{key}:ShippingProfiles</c>). Reads the platforms,
/// one call per listing: the whole catalog is audited by <see cref="ShippingProfileAuditOrchestrator"/>, in chunks.
/// </summary>
public sealed class ShippingProfileAudit(ListingStore listings, ProductCatalog catalog, SyncConnectors connectors, ListingPusher pusher)
{
    /// <summary>The drifted listings on <paramref name="platform"/>: it stops once it holds <paramref name="limit"/>, keeping a product's shops together.</summary>
    public async Task<IReadOnlyList<ShippingProfileDrift>> FindDriftAsync(Platform platform, int limit, CancellationToken cancellationToken = default)
    {
        var drift = new List<ShippingProfileDrift>();
        if (Reader(platform) is not { } reader)
        {
            return drift;
        }

        await foreach (var listing in listings.QueryAsync(platform, ListingStatus.Active, cancellationToken))
        {
            drift.AddRange(await DriftOfAsync(reader, listing, cancellationToken));
            if (drift.Count >= limit)
            {
                break;
            }
        }

        return drift;
    }

    /// <summary>The drifted listings of <paramref name="skus"/> on <paramref name="platform"/> (SKUs without a live listing there are skipped).</summary>
    public async Task<IReadOnlyList<ShippingProfileDrift>> FindDriftAsync(Platform platform, IReadOnlyList<string> skus, int concurrency,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        if (Reader(platform) is not { } reader)
        {
            return [];
        }

        var found = new IReadOnlyList<ShippingProfileDrift>[skus.Count];
        await Parallel.ForAsync(0, skus.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await listings.GetAsync(skus[i], platform, ct) is { Status: ListingStatus.Active } listing
                ? await DriftOfAsync(reader, listing, ct)
                : []);
        return [.. found.SelectMany(d => d)];
    }

    /// <summary>Re-pushes each drifted listing on <paramref name="platform"/> (at most <paramref name="limit"/>); a failure is reported, not thrown.</summary>
    public async Task<IReadOnlyList<ShippingProfileFix>> FixAsync(Platform platform, int limit, string correlationId, CancellationToken cancellationToken = default) =>
        await FixAsync(platform, [.. (await FindDriftAsync(platform, limit, cancellationToken)).Select(d => d.Sku)], correlationId, cancellationToken);

    /// <summary>
    /// Re-pushes the listing of each of <paramref name="skus"/> on <paramref name="platform"/> (a product drifted in two
    /// shops once: one forced push sends every shop its profile); a failure is reported, not thrown.
    /// </summary>
    public async Task<IReadOnlyList<ShippingProfileFix>> FixAsync(Platform platform, IReadOnlyList<string> skus, string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var fixes = new List<ShippingProfileFix>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var outcome = await pusher.PushAsync(new ListingPush(sku, platform, ListingAction.Upsert, Force: true), correlationId, cancellationToken);
                fixes.Add(new ShippingProfileFix(sku, platform, outcome.Succeeded, outcome.Error));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The pusher recorded the failed attempt on the listing; the fix reports it and goes on with the others.
                fixes.Add(new ShippingProfileFix(sku, platform, false, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return fixes;
    }

    private IShippingProfileReader? Reader(Platform platform) =>
        connectors.TryGet(platform, out var connector) && connector is IShippingProfileReader reader ? reader : null;

    private async Task<IReadOnlyList<ShippingProfileDrift>> DriftOfAsync(IShippingProfileReader reader, Listing listing, CancellationToken cancellationToken)
    {
        if (listing.ExternalId is null
            || await catalog.GetAsync(listing.Sku, cancellationToken) is not { } product
            || !product.ShippingProfiles.TryGetValue(listing.Platform, out var configured))
        {
            return [];
        }

        return [.. (await reader.GetShopShippingProfilesAsync(listing.Sku, configured, cancellationToken))
            .Where(shop => shop.Live != shop.Expected)
            .Select(shop => new ShippingProfileDrift(listing.Sku, listing.Platform, shop.Configured, shop.Live, shop.Shop))];
    }
}
