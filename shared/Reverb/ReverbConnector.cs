using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for Reverb, over every configured shop (<see cref="ReverbAccounts"/>). Idempotent
/// by SKU: the SKU is looked up (<c>/api/my/listings?sku=&amp;state=all</c>) before creating, and a create that timed out
/// or failed after sending is resolved by looking again before a second attempt. Creates make a draft, then publish.
/// Updates send only the changed fields. Quantity uses <c>has_inventory</c>/<c>inventory</c>; quantity 0 ends the listing
/// (<c>not_sold</c>). A draft goes to the accounts it names (<see cref="ReverbAccounts.DraftAttribute"/>) and is ended in
/// the others; quantity and end reach every account that has the SKU; sales are polled from every account. With more than
/// one account configured, an upsert's reference names each target account's listing (<see cref="ListingReference.Shops"/>).
/// </summary>
public sealed class ReverbConnector : IMarketplaceConnector, IShippingProfileReader, IMultiShopConnector
{
    private readonly ReverbAccounts _accounts;
    private readonly ConcurrentDictionary<(string Account, string Sku), long> _ids = new();

    public ReverbConnector(ReverbClient client)
        : this(new ReverbAccounts(client))
    {
    }

    public ReverbConnector(ReverbAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = accounts;
    }

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Reverb;

    /// <inheritdoc />
    public int ShopCount => _accounts.All.Count;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        foreach (var account in _accounts.All)
        {
            if (await FindAsync(account, sku, cancellationToken) is { } listing)
            {
                return ReverbListingMapper.ToReference(listing);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var targets = _accounts.Targets(draft.Attributes);
        var references = new List<ListingReference>();
        foreach (var account in targets)
        {
            references.Add(await UpsertAsync(account, draft, cancellationToken));
        }

        // A product taken off a shop ends there (its listing stays, as Reverb keeps ended listings).
        foreach (var account in _accounts.All.Except(targets))
        {
            await EndAsync(account, draft.Sku, "not_sold", cancellationToken);
        }

        // With several shops the record keeps each target shop's listing, not only the first one's.
        return _accounts.All.Count == 1 ? references[0] : references[0] with
        {
            Shops = [.. targets.Zip(references, (account, r) => new ShopListing(account.Key, r.ExternalId, r.Url, r.Status))],
        };
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity <= 0)
        {
            await EndListingAsync(sku, "not_sold", cancellationToken);
            return;
        }

        var updated = 0;
        foreach (var account in _accounts.All)
        {
            var id = _ids.TryGetValue((account.Key, sku), out var cached) ? cached : (await FindAsync(account, sku, cancellationToken))?.Id;
            if (id is { } listingId)
            {
                await account.Client.UpdateListingAsync(listingId, new JsonObject { ["has_inventory"] = true, ["inventory"] = quantity }, cancellationToken);
                updated++;
            }
        }

        if (updated == 0)
        {
            throw new ReverbException($"Reverb has no listing with SKU '{sku}' to set the quantity of.", System.Net.HttpStatusCode.NotFound);
        }
    }

    /// <inheritdoc />
    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        foreach (var account in _accounts.All)
        {
            await EndAsync(account, sku, reason, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var account in _accounts.All)
        {
            await foreach (var order in account.Client.GetOrdersAsync(since, cancellationToken))
            {
                foreach (var sale in ReverbSales.ToSaleEvents(order))
                {
                    yield return sale;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<string?> GetShippingProfileAsync(string sku, CancellationToken cancellationToken = default) =>
        (await FindAsync(_accounts.Default, sku, cancellationToken))?.ShippingProfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The live listing of <paramref name="sku"/> in each shop, with the profile that shop should use for the product's
    /// <paramref name="configured"/> one (<see cref="ReverbAccount.ShippingProfileFor"/>; a shop with none is not audited).
    /// Each names its shop when more than one is configured.
    /// </summary>
    public async Task<IReadOnlyList<ShopShippingProfile>> GetShopShippingProfilesAsync(string sku, string configured, CancellationToken cancellationToken = default)
    {
        var shops = new List<ShopShippingProfile>();
        foreach (var account in _accounts.All)
        {
            if (account.ShippingProfileFor(configured) is not { } expected
                || await FindAsync(account, sku, cancellationToken) is not { } listing
                || listing.IsClosed || listing.State?.Slug == "draft")
            {
                continue;
            }

            var live = listing.ShippingProfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            shops.Add(new ShopShippingProfile(_accounts.All.Count == 1 ? null : account.Key, expected, expected, live));
        }

        return shops;
    }

    private async Task<ListingReference> UpsertAsync(ReverbAccount account, ListingDraft draft, CancellationToken cancellationToken)
    {
        var client = account.Client;
        // The product's profile is the default shop's: each shop ships under its own (ReverbAccount.ShippingProfileFor).
        var desired = ReverbListingMapper.ToWrite(draft with { ShippingProfileId = account.ShippingProfileFor(draft.ShippingProfileId) }, client.Options);
        var existing = await FindAsync(account, draft.Sku, cancellationToken);
        if (existing is null)
        {
            existing = await CreateOnceAsync(account, draft.Sku, desired, cancellationToken);
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

    private async Task EndAsync(ReverbAccount account, string sku, string reason, CancellationToken cancellationToken)
    {
        var listing = await FindAsync(account, sku, cancellationToken);
        if (listing is null || listing.IsClosed || listing.State?.Slug == "draft")
        {
            return;
        }

        try
        {
            await account.Client.EndListingAsync(listing.Id, reason is "reverb_sale" ? reason : "not_sold", cancellationToken);
        }
        catch (ReverbException ex) when (ex.Status == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // A retried end after a lost answer finds the listing already ended: that is success.
            if ((await account.Client.GetListingAsync(listing.Id, cancellationToken))?.IsClosed != true)
            {
                throw;
            }
        }
    }

    private async Task<ReverbListing?> FindAsync(ReverbAccount account, string sku, CancellationToken cancellationToken)
    {
        var listing = await account.Client.FindListingBySkuAsync(sku, cancellationToken);
        if (listing is not null)
        {
            _ids[(account.Key, sku)] = listing.Id;
        }

        return listing;
    }

    private async Task<ReverbListing> CreateOnceAsync(ReverbAccount account, string sku, JsonObject desired, CancellationToken cancellationToken)
    {
        var client = account.Client;
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
        _ids[(account.Key, sku)] = created.Id;
        return created;
    }
}
