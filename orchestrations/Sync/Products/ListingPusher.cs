using System.Text.Json.Nodes;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>
/// One platform's push of a product, shared by <see cref="PushListingActivity"/> and reconciliation. Reads the product
/// as it is now (a newer version than the one asked for is pushed instead; a listing that already has the version is
/// skipped unless forced), so it is safe to repeat; connectors find an existing listing by SKU.
/// </summary>
public sealed partial class ListingPusher(ProductCatalog catalog, ListingStore listings, CatalogOptions catalogOptions, CategoryMap categories,
    SyncConnectors connectors, SyncOptions options, ListingCreateClaims claims, QuantityRuleStore quantityRules)
{
    internal static readonly HashSet<ListingStatus> Pushable = [ListingStatus.Pending, ListingStatus.Active, ListingStatus.Draft, ListingStatus.Error];

    /// <summary>
    /// Creates/updates (or ends) the listing on one platform from the product mapped for that platform, keeping the
    /// platform's own value for every field the ownership rules give to the platform. Records the attempt either way
    /// (<paramref name="correlationId"/>: the orchestration instance).
    /// </summary>
    /// <exception cref="PlatformRejectedException">The platform refused for good (not retried).</exception>
    /// <exception cref="Exception">The platform call failed; recorded first, then rethrown for the retry policy.</exception>
    public Task<ListingPushOutcome> PushAsync(ListingPush push, string correlationId, CancellationToken cancellationToken = default) =>
        PushAsync(push, correlationId, null, cancellationToken);

    /// <summary>
    /// As <see cref="PushAsync(ListingPush, string, CancellationToken)"/> with the platform's quantity rule already read
    /// (<paramref name="rule"/>; null: read it here): a chunk of pushes reads it once, not once per listing.
    /// </summary>
    public async Task<ListingPushOutcome> PushAsync(ListingPush push, string correlationId, QuantityRule? rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        var listing = await listings.GetAsync(push.Sku, push.Platform, cancellationToken);
        if (push.Action == ListingAction.Upsert && listing?.ExternalId is null)
        {
            // A create: a second run of this push at the same time waits, then finds the listing the first one made.
            await using var claim = await claims.ClaimAsync(push.Sku, push.Platform, cancellationToken);
            return await PushClaimedAsync(push, await listings.GetAsync(push.Sku, push.Platform, cancellationToken), correlationId, rule, cancellationToken);
        }

        return await PushClaimedAsync(push, listing, correlationId, rule, cancellationToken);
    }

    /// <summary>The quantity rules of the platforms <paramref name="pushes"/> go to, read once each.</summary>
    public async Task<IReadOnlyDictionary<Platform, QuantityRule>> QuantityRulesForAsync(IEnumerable<ListingPush> pushes, CancellationToken cancellationToken = default)
    {
        var rules = new Dictionary<Platform, QuantityRule>();
        foreach (var platform in pushes.Select(p => p.Platform).Distinct())
        {
            rules[platform] = await quantityRules.GetAsync(platform, cancellationToken);
        }

        return rules;
    }

    private async Task<ListingPushOutcome> PushClaimedAsync(ListingPush push, Listing? listing, string correlationId, QuantityRule? rule, CancellationToken cancellationToken)
    {
        var product = await catalog.GetAsync(push.Sku, cancellationToken)
            ?? throw new InvalidOperationException($"SKU '{push.Sku}' disappeared from the catalog.");
        if (push.Action == ListingAction.Upsert && !push.Force && listing?.LastPushedVersion >= product.Version)
        {
            return new ListingPushOutcome(push.Platform, push.Action, true, true, listing.ExternalId, listing.Url, null);
        }

        var connector = connectors.Get(push.Platform);
        var actor = new CatalogActor("sync", correlationId);
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

            rule ??= await quantityRules.GetAsync(push.Platform, cancellationToken);
            var pushed = WithPlatformOwnedFields(product, listing);
            var draft = ListingDraftMapper.ToDraft(pushed, push.Platform, categories, ImageUrl, rule);
            var reference = await connector.UpsertListingAsync(draft, cancellationToken);
            await listings.RecordAttemptAsync(new ListingAttemptReport
            {
                Sku = push.Sku, Platform = push.Platform, Operation = operation, Succeeded = true, Version = product.Version,
                ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = reference.Status, Shops = reference.Shops,
                RemoteSnapshot = PullDiff.Baseline(pushed),
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
