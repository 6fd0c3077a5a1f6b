namespace Marketplace.Shared.Discogs;

/// <summary>
/// A marketplace listing as the inventory (<c>GET /users/{username}/inventory</c>) and <c>GET /marketplace/listings/{id}</c>
/// return it. <see cref="Status"/>: <c>For Sale</c>, <c>Draft</c>, <c>Expired</c>, <c>Sold</c>. <see cref="ExternalId"/> is
/// the seller's private reference: our SKU.
/// </summary>
public sealed record DiscogsListing
{
    public long Id { get; init; }

    public string Status { get; init; } = "For Sale";

    public DiscogsPrice? Price { get; init; }

    public string? Condition { get; init; }

    public string? SleeveCondition { get; init; }

    public string? Comments { get; init; }

    public string? ExternalId { get; init; }

    public DiscogsListingRelease? Release { get; init; }

    public string? Uri { get; init; }

    public DateTimeOffset? Posted { get; init; }
}

/// <summary>The release a listing sells.</summary>
public sealed record DiscogsListingRelease(long Id, string? Description = null, string? CatalogNumber = null);

/// <summary>
/// The body of <c>POST /marketplace/listings</c> (create) and <c>POST /marketplace/listings/{id}</c> (edit): release,
/// media condition (<c>Mint (M)</c> … <c>Poor (P)</c>), price in the seller's currency and status (<c>For Sale</c> or <c>Draft</c>).
/// </summary>
public sealed record DiscogsListingWrite
{
    public required long ReleaseId { get; init; }

    public required string Condition { get; init; }

    public string? SleeveCondition { get; init; }

    public required decimal Price { get; init; }

    public string? Comments { get; init; }

    public bool AllowOffers { get; init; }

    public string Status { get; init; } = "For Sale";

    public string? ExternalId { get; init; }
}

/// <summary>The answer to a create: the new listing's id.</summary>
public sealed record DiscogsListingCreated(long ListingId, string? ResourceUrl = null);

/// <summary>One page of the seller's inventory.</summary>
public sealed record DiscogsInventoryPage(DiscogsPagination Pagination, IReadOnlyList<DiscogsListing> Listings);

/// <summary>A marketplace order (<c>GET /marketplace/orders</c>); an item's <c>id</c> is the listing id it sold.</summary>
public sealed record DiscogsOrder
{
    public string Id { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public DateTimeOffset Created { get; init; }

    public IReadOnlyList<DiscogsOrderItem> Items { get; init; } = [];
}

/// <summary>An order line: the listing sold, its release and price.</summary>
public sealed record DiscogsOrderItem(long Id, DiscogsListingRelease? Release, DiscogsPrice? Price);

/// <summary>One page of orders.</summary>
public sealed record DiscogsOrdersPage(DiscogsPagination Pagination, IReadOnlyList<DiscogsOrder> Orders);

/// <summary>The authenticated user (<c>GET /oauth/identity</c>).</summary>
public sealed record DiscogsIdentity(long Id, string Username);
