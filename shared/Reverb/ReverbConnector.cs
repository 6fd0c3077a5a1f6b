using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for Reverb. Idempotent by SKU: the SKU is looked up
/// (<c>/api/my/listings?sku=&amp;state=all</c>) before creating, and a create that timed out or failed after sending
/// is resolved by looking again before a second attempt. Creates make a draft, then publish. Updates send only the
/// changed fields. Quantity uses <c>has_inventory</c>/<c>inventory</c>; quantity 0 ends the listing (<c>not_sold</c>).
/// </summary>
public sealed class ReverbConnector(ReverbClient client) : IMarketplaceConnector, IShippingProfileReader
{
    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Reverb;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        var listing = await FindAsync(sku, cancellationToken);
        return listing is null ? null : ReverbListingMapper.ToReference(listing);
    }

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var desired = ReverbListingMapper.ToWrite(draft, client.Options);
        var existing = await FindAsync(draft.Sku, cancellationToken);
        if (existing is null)
        {
            existing = await CreateOnceAsync(draft.Sku, desired, cancellationToken);
            if (!draft.Publish)
            {
                return ReverbListingMapper.ToReference(existing);
            }
        }

        var changes = ReverbListingMapper.Changes(existing, desired);
        if (draft.Publish && (existing.State?.Slug == "draft" || existing.IsClosed))
        {
            // A draft goes live; an ended or sold-out listing is relisted (stock came back).
            changes["publish"] = true;
        }

        if (changes.Count == 0)
        {
            return ReverbListingMapper.ToReference(existing);
        }

        var updated = await client.UpdateListingAsync(existing.Id, changes, cancellationToken) ?? await client.GetListingAsync(existing.Id, cancellationToken) ?? existing;
        return ReverbListingMapper.ToReference(updated);
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity <= 0)
        {
            await EndListingAsync(sku, "not_sold", cancellationToken);
            return;
        }

        var id = _ids.TryGetValue(sku, out var cached) ? cached : (await FindAsync(sku, cancellationToken))?.Id
            ?? throw new ReverbException($"Reverb has no listing with SKU '{sku}' to set the quantity of.", System.Net.HttpStatusCode.NotFound);
        await client.UpdateListingAsync(id, new JsonObject { ["has_inventory"] = true, ["inventory"] = quantity }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        var listing = await FindAsync(sku, cancellationToken);
        if (listing is null || listing.IsClosed || listing.State?.Slug == "draft")
        {
            return;
        }

        try
        {
            await client.EndListingAsync(listing.Id, reason is "reverb_sale" ? reason : "not_sold", cancellationToken);
        }
        catch (ReverbException ex) when (ex.Status == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // A retried end after a lost answer finds the listing already ended: that is success.
            if ((await client.GetListingAsync(listing.Id, cancellationToken))?.IsClosed != true)
            {
                throw;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var order in client.GetOrdersAsync(since, cancellationToken))
        {
            foreach (var sale in ReverbSales.ToSaleEvents(order))
            {
                yield return sale;
            }
        }
    }

    private async Task<ReverbListing?> FindAsync(string sku, CancellationToken cancellationToken)
    {
        var listing = await client.FindListingBySkuAsync(sku, cancellationToken);
        if (listing is not null)
        {
            _ids[sku] = listing.Id;
        }

        return listing;
    }

    private async Task<ReverbListing> CreateOnceAsync(string sku, JsonObject desired, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var created = await client.CreateIdempotentlyAsync(
            async ct =>
            {
                // After an ambiguous failure Reverb may have committed: reuse what it made.
                if (attempt++ > 0 && await client.FindListingBySkuAsync(sku, ct) is { } found)
                {
                    return found;
                }

                return await client.CreateListingAsync(desired, ct);
            },
            cancellationToken);
        _ids[sku] = created.Id;
        return created;
    }

    /// <inheritdoc />
    public async Task<string?> GetShippingProfileAsync(string sku, CancellationToken cancellationToken = default) =>
        (await FindAsync(sku, cancellationToken))?.ShippingProfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
