using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for the Discogs marketplace. A listing sells one copy of a release: the SKU is kept
/// in the listing's private <c>external_id</c> and looked up in the inventory before creating, so a retried create finds
/// the first. The release comes from the product's <c>discogsReleaseId</c> attribute. Stock out (quantity 0) sets the
/// listing to <c>Draft</c>; stock back sets it <c>For Sale</c>; ending deletes it. Sales come from marketplace orders,
/// one <see cref="SaleEvent"/> per item (line id = the listing id).
/// </summary>
public sealed class DiscogsConnector(DiscogsClient client) : IMarketplaceConnector
{
    // Buyers merge orders within days of placing them; a merged order older than this is not looked for.
    private static readonly TimeSpan MergeLookback = TimeSpan.FromDays(30);
    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Discogs;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) =>
        await FindAsync(sku, cancellationToken) is { } listing ? ToReference(sku, listing) : null;

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var write = ToWrite(draft, draft.Publish && draft.Quantity > 0 ? "For Sale" : "Draft");
        var existing = await FindAsync(draft.Sku, cancellationToken);
        if (existing is null)
        {
            var id = await client.CreateListingAsync(write, cancellationToken);
            _ids[draft.Sku] = id;
            return new ListingReference(Platform, draft.Sku, id.ToString(CultureInfo.InvariantCulture), null, StatusOf(write.Status));
        }

        await client.UpdateListingAsync(existing.Id, write, cancellationToken);
        return ToReference(draft.Sku, existing with { Status = write.Status });
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        var listing = await FindAsync(sku, cancellationToken)
            ?? throw new DiscogsException($"Discogs has no listing with SKU '{sku}' to set the quantity of.", System.Net.HttpStatusCode.NotFound);
        var status = quantity > 0 ? "For Sale" : "Draft";
        if (listing.Status == status || listing.Status == "Sold" || listing.Release is null)
        {
            return;
        }

        await client.UpdateListingAsync(listing.Id, new DiscogsListingWrite
        {
            ReleaseId = listing.Release.Id,
            Condition = listing.Condition ?? "Very Good (VG)",
            SleeveCondition = listing.SleeveCondition,
            Price = listing.Price?.Value ?? 0m,
            Comments = listing.Comments,
            Status = status,
            ExternalId = sku,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(sku, cancellationToken) is { Status: not "Sold" } listing)
        {
            await client.DeleteListingAsync(listing.Id, cancellationToken);
            _ids.TryRemove(sku, out _);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// An order merged into another (<c>Merged</c>) sells nothing itself; a listing it held is sold under that order's id in the
    /// order it moved to, so a sale already applied before the merge is not applied twice. Only that order takes the merged
    /// order's id: a record sold again later (the combined order was cancelled and the record relisted) is a new sale.
    /// </remarks>
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var orders = await client.GetOrdersAsync(since, cancellationToken).ToListAsync(cancellationToken);
        var live = orders.Where(o => !DiscogsSales.IsMerged(o.Status)).ToList();
        var firstMerged = live.Count == 0 ? new Dictionary<long, DiscogsOrder>()
            : DiscogsSales.FirstMergedOrders(await client.GetOrdersAsync(since - MergeLookback, DiscogsSales.Merged, cancellationToken).ToListAsync(cancellationToken));
        IReadOnlyDictionary<long, string> heirs = new Dictionary<long, string>();
        var merged = live.SelectMany(o => o.Items).Select(i => i.Id).Where(firstMerged.ContainsKey).ToList();
        if (merged.Count > 0)
        {
            // Which order took each merged record over needs the orders since the merge, which may predate this poll.
            var from = merged.Min(id => firstMerged[id].Created);
            heirs = DiscogsSales.Heirs(firstMerged, from >= since ? orders : await client.GetOrdersAsync(from, cancellationToken).ToListAsync(cancellationToken));
        }

        foreach (var order in live)
        {
            foreach (var item in order.Items)
            {
                var sku = _ids.FirstOrDefault(p => p.Value == item.Id).Key ?? (await client.GetListingAsync(item.Id, cancellationToken))?.ExternalId;
                if (!string.IsNullOrWhiteSpace(sku))
                {
                    var orderId = heirs.TryGetValue(item.Id, out var heir) && heir == order.Id ? firstMerged[item.Id].Id : order.Id;
                    var sale = new SaleEvent(Platform, orderId, item.Id.ToString(CultureInfo.InvariantCulture), sku, 1,
                        item.Price?.Value, item.Price?.Currency, order.Created);
                    yield return DiscogsSales.ReleasedReason(order.Status) is { } released ? sale.WithCommitted(0, released) : sale;
                }
            }
        }
    }

    /// <summary>Discogs's media condition for a canonical condition (wire name or words).</summary>
    public static string MediaCondition(string? condition) => CanonicalCondition.Key(condition) switch
    {
        "BRAND NEW" or "MINT" => "Mint (M)",
        "EXCELLENT" or "NEAR MINT" => "Near Mint (NM or M-)",
        "VERY GOOD PLUS" => "Very Good Plus (VG+)",
        "GOOD" => "Good (G)",
        "FAIR" => "Fair (F)",
        "POOR" or "NON FUNCTIONING" => "Poor (P)",
        _ => "Very Good (VG)",
    };

    private static DiscogsListingWrite ToWrite(ListingDraft draft, string status)
    {
        if (!draft.Attributes.TryGetValue("discogsReleaseId", out var release) || !long.TryParse(release, NumberStyles.None, CultureInfo.InvariantCulture, out var releaseId))
        {
            throw new DiscogsException($"Product '{draft.Sku}' has no Discogs release id; a Discogs listing sells a release.", System.Net.HttpStatusCode.UnprocessableEntity);
        }

        return new DiscogsListingWrite
        {
            ReleaseId = releaseId,
            Condition = MediaCondition(draft.Condition),
            Price = draft.Price,
            Comments = draft.Title,
            Status = status,
            ExternalId = draft.Sku,
        };
    }

    private async Task<DiscogsListing?> FindAsync(string sku, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(sku, out var id))
        {
            if (await client.GetListingAsync(id, cancellationToken) is { } cached)
            {
                return cached;
            }

            _ids.TryRemove(sku, out _);
        }

        await foreach (var listing in client.GetInventoryAsync(cancellationToken))
        {
            if (string.Equals(listing.ExternalId, sku, StringComparison.Ordinal))
            {
                _ids[sku] = listing.Id;
                return listing;
            }
        }

        return null;
    }

    private ListingReference ToReference(string sku, DiscogsListing listing) =>
        new(Platform, sku, listing.Id.ToString(CultureInfo.InvariantCulture), listing.Uri is { } uri ? new Uri(uri) : null, StatusOf(listing.Status));

    private static string StatusOf(string status) => status switch
    {
        "For Sale" => "ACTIVE",
        "Draft" => "DRAFT",
        "Sold" => "SOLD",
        _ => "ENDED",
    };
}
