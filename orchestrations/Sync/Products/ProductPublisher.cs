using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// Publishes a product on chosen platforms: marks each platform without a listing as due (PENDING, recorded in the
/// audit trail) and starts <see cref="PushProductOrchestrator"/> for the current version. Publishing
/// the same version to the same platforms again is a no-op while that instance exists; connectors are idempotent by
/// SKU, so even a repeated push never creates a second listing.
/// </summary>
public sealed class ProductPublisher(ProductCatalog catalog, ListingStore listings, SyncConnectors connectors, DurableTaskClient client)
{
    /// <summary>Returns the orchestration instance id.</summary>
    /// <exception cref="CatalogNotFoundException">No such SKU.</exception>
    /// <exception cref="CatalogValidationException">A platform is not connected.</exception>
    public async Task<string> PublishAsync(string sku, IReadOnlyCollection<Platform> platforms, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        var product = await catalog.GetAsync(sku, cancellationToken) ?? throw new CatalogNotFoundException($"No product with SKU '{sku}'.", "sku");
        foreach (var platform in platforms)
        {
            if (!connectors.TryGet(platform, out _))
            {
                throw CatalogValidationException.For("platforms", $"Platform '{platform.ToWire()}' is not connected.");
            }

            if (await listings.GetAsync(sku, platform, cancellationToken) is null)
            {
                await listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = sku, Platform = platform, Operation = "publish-requested", Succeeded = true, RemoteStatus = "PENDING",
                }, actor, cancellationToken);
            }
        }

        var id = $"publish:{sku}:v{product.Version}:{string.Join('+', platforms.Order().Select(p => p.ToWire()))}";
        await client.StartOnceAsync(nameof(PushProductOrchestrator), new PushProductInput(sku, product.Version, "publish"), id, cancellationToken);
        return id;
    }
}
