using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for Shopify. Idempotent by SKU: the variant is looked up by SKU before a
/// create, and a create without a known id upserts by the SKU custom id, so an activity retried after a lost
/// response finds or updates the product it already made. Quantities are set with compare-and-set after a fresh read;
/// a conflict is re-read and re-decided (at most <see cref="MaxConflictRetries"/> times), never replayed blindly.
/// A draft's shipping profile, when it is a Shopify delivery-profile id, becomes the variant's delivery profile.
/// </summary>
public sealed class ShopifyConnector(ShopifyClient client) : IMarketplaceConnector, IShippingProfileReader
{
    /// <summary>How often a stale compare-and-set is re-read and retried before the conflict is surfaced.</summary>
    public int MaxConflictRetries { get; init; } = 3;

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Shopify;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        var found = await client.FindVariantBySkuAsync(sku, cancellationToken);
        return found is { } f ? ToReference(f.Product, sku) : null;
    }

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var existing = await client.FindVariantBySkuAsync(draft.Sku, cancellationToken);
        var product = await client.SetProductAsync(draft, existing?.Product.ProductId, cancellationToken);
        if (ShopifyClient.DeliveryProfileGid(draft.ShippingProfileId) is { } profile && product.VariantId is { } variant
            && await client.GetVariantDeliveryProfileAsync(variant, cancellationToken) != profile)
        {
            await client.AssignDeliveryProfileAsync(profile, [variant], cancellationToken);
        }

        if (product.InventoryItemId is { } item)
        {
            await SetQuantityCoreAsync(item, draft.Quantity, existing?.InventoryQuantity, cancellationToken);
        }

        return ToReference(product, draft.Sku);
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        var found = await client.FindVariantBySkuAsync(sku, cancellationToken)
            ?? throw new ShopifyException($"No Shopify variant has SKU '{sku}'; create the listing before setting its quantity.");
        var item = found.Product.InventoryItemId ?? throw new ShopifyException($"Shopify variant of SKU '{sku}' has no inventory item.");
        await SetQuantityCoreAsync(item, quantity, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        var found = await client.FindVariantBySkuAsync(sku, cancellationToken);
        if (found is not { } f || f.Product.Status == "ARCHIVED")
        {
            return;
        }

        await client.ArchiveProductAsync(f.Product.ProductId, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The recorded product is archived by its id: one mutation instead of a SKU search (about 60 points) and the
    /// mutation, which keeps a busy shop's sale pushes inside the leaky bucket. A product gone from Shopify falls back
    /// to the search by SKU.
    /// </remarks>
    public async Task EndListingAsync(string sku, string? externalId, string reason, CancellationToken cancellationToken = default)
    {
        if (externalId is null || !externalId.StartsWith("gid://shopify/Product/", StringComparison.Ordinal))
        {
            await EndListingAsync(sku, reason, cancellationToken);
            return;
        }

        try
        {
            await client.ArchiveProductAsync(externalId, cancellationToken);
        }
        catch (ShopifyUserErrorException ex) when (ex.UserErrors.Any(e => e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)))
        {
            await EndListingAsync(sku, reason, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var sale in client.GetSalesSinceAsync(since, cancellationToken))
        {
            yield return sale;
        }
    }

    private async Task SetQuantityCoreAsync(string inventoryItemId, int quantity, int? knownQuantity, CancellationToken cancellationToken)
    {
        var location = await client.GetLocationIdAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && knownQuantity is not null
                ? knownQuantity
                : await client.GetAvailableQuantityAsync(inventoryItemId, location, cancellationToken);
            if (current == quantity)
            {
                return;
            }

            try
            {
                await client.SetAvailableQuantityAsync(inventoryItemId, location, quantity, current ?? 0, cancellationToken: cancellationToken);
                return;
            }
            catch (ShopifyInventoryConflictException) when (attempt < MaxConflictRetries)
            {
                // Someone (or our own lost-but-applied attempt) changed it: read again and decide again.
            }
        }
    }

    private ListingReference ToReference(ShopifyProductRef product, string sku) => new(
        MarketplacePlatform.Shopify,
        sku,
        product.ProductId,
        new Uri($"https://{client.Options.ShopDomain}/products/{product.Handle}"),
        product.Status switch { "ARCHIVED" => "ENDED", var s => s.ToUpper(CultureInfo.InvariantCulture) });

    /// <inheritdoc />
    public async Task<string?> GetShippingProfileAsync(string sku, CancellationToken cancellationToken = default) =>
        await client.FindVariantBySkuAsync(sku, cancellationToken) is { Product.VariantId: { } variant }
            ? await client.GetVariantDeliveryProfileAsync(variant, cancellationToken)
            : null;

    /// <inheritdoc />
    public string NormalizeShippingProfile(string configured) => ShopifyClient.DeliveryProfileGid(configured) ?? configured;
}
