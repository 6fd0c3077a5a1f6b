using System.Globalization;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Operations.StaleStock;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>
/// Decides and applies the stale-stock policy for one live listing. Relist platforms (those with an
/// <see cref="IStaleListingClient"/>): a listing the platform says started at least <see cref="StaleStockOptions.RelistAfterDays"/>
/// ago is ended and listed again, if the catalog still has stock. Shopify: a product the catalog has no stock of, or with
/// no sale (on any platform) for <see cref="StaleStockOptions.ArchiveAfterDays"/> (counted from its creation when it never
/// sold), is archived. Each relist or archive is recorded on the listing (operations <c>relist</c>, <c>archive</c>) and in
/// the audit trail; dry runs record nothing. A Reverb listing in several shops is checked and relisted in each shop that holds
/// it, and the record keeps the other shops' listings. <see cref="StaleStockPlatforms"/> names the platforms it covers.
/// </summary>
public sealed class StaleStockPolicy(ProductCatalog catalog, ListingStore listings, InventoryLedger ledger, SyncConnectors connectors,
    IEnumerable<IStaleListingClient> staleClients, StaleStockOptions options)
{
    private readonly Dictionary<Platform, IStaleListingClient> _relisters = staleClients.ToDictionary(c => c.Platform);

    /// <summary>
    /// What the policy did (or in a dry run would do) for the listing: none when it leaves it alone, one per shop acted on
    /// for a listing in several shops (<see cref="Listing.Shops"/>: each live shop's listing is checked and relisted on its own).
    /// </summary>
    public async Task<IReadOnlyList<StaleStockAction>> ApplyAsync(Platform platform, string sku, bool dryRun, DateTimeOffset now, string correlationId, CancellationToken cancellationToken = default)
    {
        var listing = await listings.GetAsync(sku, platform, cancellationToken);
        var product = await catalog.GetAsync(sku, cancellationToken);
        if (listing is not { Status: ListingStatus.Active, ExternalId: { } externalId } || product is null)
        {
            return [];
        }

        var actor = new CatalogActor("stale-stock", correlationId);
        if (platform == Platform.Shopify)
        {
            return await ArchiveAsync(product, externalId, dryRun, now, actor, cancellationToken) is { } archived ? [archived] : [];
        }

        if (!_relisters.TryGetValue(platform, out var relister))
        {
            return [];
        }

        var actions = new List<StaleStockAction>();
        foreach (var (shop, shopExternalId) in LiveShops(listing, externalId))
        {
            if (await RelistAsync(relister, product, shop, shopExternalId, dryRun, now, actor, cancellationToken) is { } action)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    /// <summary>Each live shop's listing; the listing's own id (shop null) when it names no shops.</summary>
    private static IEnumerable<(string? Shop, string ExternalId)> LiveShops(Listing listing, string externalId) =>
        listing.Shops is { Count: > 0 } shops
            ? shops.Where(s => s.Status == ListingStatus.Active).Select(s => ((string?)s.Shop, s.ExternalId))
            : [(null, externalId)];

    private async Task<StaleStockAction?> ArchiveAsync(Product product, string externalId, bool dryRun, DateTimeOffset now, CatalogActor actor, CancellationToken cancellationToken)
    {
        if (await ArchiveReasonAsync(product, now, cancellationToken) is not { } reason)
        {
            return null;
        }

        var action = new StaleStockAction(product.Sku, Platform.Shopify, StaleStockOutcomes.WouldArchive, reason, externalId, null);
        if (dryRun)
        {
            return action;
        }

        return await RecordAsync(action, "archive", actor, async () =>
        {
            await connectors.Get(Platform.Shopify).EndListingAsync(product.Sku, externalId, "stale", cancellationToken);
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = product.Sku, Platform = Platform.Shopify, Operation = "archive", Succeeded = true, RemoteStatus = "ARCHIVED", Note = $"archived ({reason})",
            }, actor, cancellationToken);
            return action with { Outcome = StaleStockOutcomes.Archived, ExternalIdAfter = externalId };
        }, cancellationToken);
    }

    private async Task<StaleStockAction?> RelistAsync(IStaleListingClient relister, Product product, string? shop, string externalId, bool dryRun, DateTimeOffset now,
        CatalogActor actor, CancellationToken cancellationToken)
    {
        var (sku, platform) = (product.Sku, relister.Platform);
        string? reason;
        try
        {
            reason = await RelistReasonAsync(relister, product, shop, externalId, now, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One listing that cannot be read (a shop whose settings were removed, a listing the platform refuses) is
            // reported, not retried with the whole chunk: the other listings still get their run.
            return new StaleStockAction(sku, platform, StaleStockOutcomes.Failed, "listing age not readable", externalId, null, $"{ex.GetType().Name}: {ex.Message}", shop);
        }

        if (reason is null)
        {
            return null;
        }

        var action = new StaleStockAction(sku, platform, StaleStockOutcomes.WouldRelist, reason, externalId, null, Shop: shop);
        if (dryRun)
        {
            return action;
        }

        return await RecordAsync(action, "relist", actor, async () =>
        {
            var relistedId = await relister.RelistAsync(sku, externalId, shop, cancellationToken);
            // eBay's relist makes a new item id (Reverb keeps its listing): the listing's history keeps which one it replaced.
            var note = relistedId == externalId
                ? $"relisted {externalId} ({reason})"
                : $"relisted as {relistedId}, replacing {externalId} ({reason})";
            var report = new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = "relist", Succeeded = true, RemoteStatus = "ACTIVE",
                Note = shop is null ? note : $"{note}, shop {shop}",
            };
            if (shop is null)
            {
                var after = await connectors.Get(platform).FindListingAsync(sku, cancellationToken) ?? new ListingReference(platform.ToWire(), sku, relistedId, null, "ACTIVE");
                report = report with { ExternalId = after.ExternalId, Url = after.Url?.ToString(), Shops = after.Shops };
            }
            else
            {
                // The other shops' listings stay as recorded: the report's shops replace the list, so it carries them all.
                var shops = ((await listings.GetAsync(sku, platform, cancellationToken))?.Shops ?? [])
                    .Select(s => s.Shop == shop
                        ? new ShopListing(s.Shop, relistedId, relistedId == s.ExternalId && s.Url is { } url ? new Uri(url) : null, "ACTIVE")
                        : new ShopListing(s.Shop, s.ExternalId, s.Url is { } other ? new Uri(other) : null, s.Status.ToString().ToUpperInvariant()))
                    .ToList();
                report = report with { ExternalId = shops[0].ExternalId, Url = shops[0].Url?.ToString(), Shops = shops };
            }

            await listings.RecordAttemptAsync(report, actor, cancellationToken);
            return action with { Outcome = StaleStockOutcomes.Relisted, ExternalIdAfter = relistedId };
        }, cancellationToken);
    }

    /// <summary>Runs the relist or archive; a failure is recorded on the listing and answered as a failed action, not thrown.</summary>
    private async Task<StaleStockAction> RecordAsync(StaleStockAction action, string operation, CatalogActor actor, Func<Task<StaleStockAction>> apply,
        CancellationToken cancellationToken)
    {
        try
        {
            return await apply();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}" + (action.Shop is { } shop ? $" (shop {shop})" : string.Empty);
            await listings.RecordAttemptAsync(new ListingAttemptReport { Sku = action.Sku, Platform = action.Platform, Operation = operation, Succeeded = false, Error = error },
                actor, CancellationToken.None);
            return action with { Outcome = StaleStockOutcomes.Failed, Error = error };
        }
    }

    private async Task<string?> RelistReasonAsync(IStaleListingClient relister, Product product, string? shop, string externalId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (product.Quantity <= 0 || await relister.GetListedAtAsync(product.Sku, externalId, shop, cancellationToken) is not { } listedAt)
        {
            return null;
        }

        if (listedAt == DateTimeOffset.MinValue)
        {
            return "ended by an unfinished relist";
        }

        var days = (int)(now - listedAt).TotalDays;
        return days >= options.RelistAfterDays ? string.Create(CultureInfo.InvariantCulture, $"listed {days} days") : null;
    }

    private async Task<string?> ArchiveReasonAsync(Product product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (product.Quantity <= 0 && options.ArchiveOutOfStock)
        {
            return "out of stock";
        }

        var sales = await ledger.WhereSoldAsync(product.Sku, cancellationToken: cancellationToken);
        var since = sales.Max(r => r.LastSaleAt) ?? product.CreatedAt;
        var days = (int)(now - since).TotalDays;
        return days >= options.ArchiveAfterDays ? string.Create(CultureInfo.InvariantCulture, $"no sale for {days} days") : null;
    }
}
