using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// Activities of <see cref="ProductWorkflow"/>. Pushes read the product as it is now (a newer version than the one
/// asked for is pushed instead; a listing that already has the version is skipped), so they are safe to repeat.
/// </summary>
public sealed class ProductActivities(ProductCatalog catalog, ListingStore listings, CatalogOptions catalogOptions, CategoryMap categories,
    SyncConnectors connectors, SyncOptions options, DurableTaskClient client)
{
    private static readonly HashSet<ListingStatus> Pushable = [ListingStatus.Pending, ListingStatus.Active, ListingStatus.Draft, ListingStatus.Error];

    /// <summary>The platforms to push to: those the product is listed on or due on (PENDING), with a connector.</summary>
    public async Task<ProductPushPlan> PlanPushAsync(TaskActivityContext context, PushProductInput? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var product = await catalog.GetAsync(input.Sku, cancellationToken);
        if (product is null)
        {
            return new ProductPushPlan(input.Sku, null, [], $"SKU '{input.Sku}' is not in the catalog.");
        }

        var action = product.Status == ProductStatus.Archived ? ListingAction.End : ListingAction.Upsert;
        var pushes = (await listings.ListAsync(input.Sku, cancellationToken))
            .Where(l => Pushable.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Where(l => action == ListingAction.End || (l.LastPushedVersion ?? 0) < product.Version)
            .Select(l => new ListingPush(input.Sku, l.Platform, action))
            .ToList();
        return new ProductPushPlan(input.Sku, product.Version, pushes, null);
    }

    /// <summary>
    /// Creates/updates (or ends) the listing on one platform from the product mapped for that platform, keeping the
    /// platform's own value for every field the ownership rules give to the platform. Records the attempt either way.
    /// </summary>
    public async Task<ListingPushOutcome> PushListingAsync(TaskActivityContext context, ListingPush? push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(push);
        var product = await catalog.GetAsync(push.Sku, cancellationToken)
            ?? throw new InvalidOperationException($"SKU '{push.Sku}' disappeared from the catalog.");
        var listing = await listings.GetAsync(push.Sku, push.Platform, cancellationToken);
        if (push.Action == ListingAction.Upsert && !push.Force && listing?.LastPushedVersion >= product.Version)
        {
            return new ListingPushOutcome(push.Platform, push.Action, true, true, listing.ExternalId, listing.Url, null);
        }

        var connector = connectors.Get(push.Platform);
        var actor = new CatalogActor("sync", context.InstanceId);
        var operation = push.Action == ListingAction.End ? "end" : listing?.ExternalId is null ? "create" : "update";
        try
        {
            if (push.Action == ListingAction.End)
            {
                await connector.EndListingAsync(push.Sku, "archived in the catalog", cancellationToken);
                await listings.RecordAttemptAsync(new ListingAttemptReport
                {
                    Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = true, Version = product.Version, RemoteStatus = "ENDED",
                }, actor, cancellationToken);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, listing?.ExternalId, listing?.Url, null);
            }

            var draft = ListingDraftMapper.ToDraft(WithPlatformOwnedFields(product, listing), push.Platform, categories, ImageUrl);
            var reference = await connector.UpsertListingAsync(draft, cancellationToken);
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = reference.Status,
            }, actor, cancellationToken);
            return new ListingPushOutcome(push.Platform, push.Action, true, false, reference.ExternalId, reference.Url?.ToString(), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = false, Version = product.Version, Error = $"{ex.GetType().Name}: {ex.Message}",
            }, actor, CancellationToken.None);
            if (PlatformRejectedException.From(ex) is { } rejected)
            {
                throw rejected;
            }

            throw;
        }
    }

    /// <summary>
    /// Stock pushes for a ledger change that did not come from a sale workflow (adjustments, returns, imports,
    /// rollbacks): a sale's own workflow already updated the platforms, so its event is skipped.
    /// </summary>
    public async Task<SalePlan> PlanStockAsync(TaskActivityContext context, PropagateStockInput? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await client.GetInstanceAsync(SaleStarter.InstanceIdFor(input.EventId), cancellationToken: cancellationToken) is not null)
        {
            return new SalePlan(input.Sku, null, input.Quantity, false, [], null, null);
        }

        var product = await catalog.GetAsync(input.Sku, cancellationToken);
        var stocked = product?.Stocked ?? false;
        var quantity = product?.Quantity ?? input.Quantity;
        var action = !stocked && quantity == 0 ? StockAction.End : StockAction.SetQuantity;
        var pushes = (await listings.ListAsync(input.Sku, cancellationToken))
            .Where(l => l.Platform != input.Source && Pushable.Contains(l.Status) && connectors.TryGet(l.Platform, out _))
            .Select(l => new StockPush(input.Sku, l.Platform, action, quantity, input.EventId))
            .ToList();
        return new SalePlan(input.Sku, null, quantity, stocked, pushes, product is null ? $"SKU '{input.Sku}' is not in the catalog." : null, null);
    }

    private Product WithPlatformOwnedFields(Product product, Listing? listing)
    {
        if (listing?.LastSeenRemote is not JsonObject remote)
        {
            return product;
        }

        foreach (var (field, value) in remote)
        {
            if (ProductFields.Stageable.Contains(field) && catalogOptions.ChangeSetRules.OwnerOf(field, listing.Platform) == FieldOwner.Platform)
            {
                product = ProductFields.With(product, field, value?.DeepClone());
            }
        }

        return product;
    }

    private string ImageUrl(ImageRef image) => options.ImageBaseUrl is { } baseUrl
        ? new Uri(baseUrl, image.Blob).ToString()
        : throw new InvalidOperationException("Sync:ImageBaseUrl is not configured: product images cannot be given to the platforms as public URLs.");
}
