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
/// the audit trail; dry runs record nothing. <see cref="StaleStockPlatforms"/> names the platforms it covers.
/// </summary>
public sealed class StaleStockPolicy(ProductCatalog catalog, ListingStore listings, InventoryLedger ledger, SyncConnectors connectors,
    IEnumerable<IStaleListingClient> staleClients, StaleStockOptions options)
{
    private readonly Dictionary<Platform, IStaleListingClient> _relisters = staleClients.ToDictionary(c => c.Platform);

    /// <summary>What the policy did (or in a dry run would do) for the listing; null when it leaves the listing alone.</summary>
    public async Task<StaleStockAction?> ApplyAsync(Platform platform, string sku, bool dryRun, DateTimeOffset now, string correlationId, CancellationToken cancellationToken = default)
    {
        var listing = await listings.GetAsync(sku, platform, cancellationToken);
        var product = await catalog.GetAsync(sku, cancellationToken);
        if (listing is not { Status: ListingStatus.Active, ExternalId: { } externalId } || product is null)
        {
            return null;
        }

        var archive = platform == Platform.Shopify;
        var reason = archive ? await ArchiveReasonAsync(product, now, cancellationToken)
            : _relisters.TryGetValue(platform, out var relister) ? await RelistReasonAsync(relister, product, externalId, now, cancellationToken)
            : null;
        if (reason is null)
        {
            return null;
        }

        var action = new StaleStockAction(sku, platform, archive ? StaleStockOutcomes.WouldArchive : StaleStockOutcomes.WouldRelist, reason, externalId, null);
        if (dryRun)
        {
            return action;
        }

        var actor = new CatalogActor("stale-stock", correlationId);
        var operation = archive ? "archive" : "relist";
        try
        {
            ListingReference? after;
            if (archive)
            {
                await connectors.Get(platform).EndListingAsync(sku, externalId, "stale", cancellationToken);
                after = null;
            }
            else
            {
                var relistedId = await _relisters[platform].RelistAsync(sku, externalId, cancellationToken);
                after = await connectors.Get(platform).FindListingAsync(sku, cancellationToken) ?? new ListingReference(platform.ToWire(), sku, relistedId, null, "ACTIVE");
            }

            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = sku, Platform = platform, Operation = operation, Succeeded = true, ExternalId = after?.ExternalId, Url = after?.Url?.ToString(),
                RemoteStatus = after is null ? "ARCHIVED" : "ACTIVE", Shops = after?.Shops,
            }, actor, cancellationToken);
            return action with { Outcome = after is null ? StaleStockOutcomes.Archived : StaleStockOutcomes.Relisted, ExternalIdAfter = after?.ExternalId ?? externalId };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            await listings.RecordAttemptAsync(new ListingAttemptReport { Sku = sku, Platform = platform, Operation = operation, Succeeded = false, Error = error },
                actor, CancellationToken.None);
            return action with { Outcome = StaleStockOutcomes.Failed, Error = error };
        }
    }

    private async Task<string?> RelistReasonAsync(IStaleListingClient relister, Product product, string externalId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (product.Quantity <= 0 || await relister.GetListedAtAsync(product.Sku, externalId, cancellationToken) is not { } listedAt)
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
