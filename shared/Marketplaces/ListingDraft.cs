namespace Marketplace.Shared.Marketplaces;

/// <summary>
/// What a connector needs to create or update one listing, already mapped from the canonical product
/// for that platform (price after the platform's price rule, the platform's category id and shipping
/// profile). Connectors are keyed by <see cref="Sku"/>: creating twice for one SKU must find the first.
/// </summary>
public sealed record ListingDraft
{
    public required string Sku { get; init; }
    public required string Title { get; init; }
    public string DescriptionHtml { get; init; } = string.Empty;
    public string? Brand { get; init; }
    public string? Model { get; init; }
    public int? Year { get; init; }
    public required decimal Price { get; init; }
    public string Currency { get; init; } = "EUR";
    public required int Quantity { get; init; }

    /// <summary>Canonical condition (for example "Mint", "Excellent", "Very Good", "Good", "Used", "New").</summary>
    public string? Condition { get; init; }

    /// <summary>The platform's own category id or path, from the catalog's category mapping.</summary>
    public string? CategoryId { get; init; }

    /// <summary>The platform's shipping profile / fulfilment policy id.</summary>
    public string? ShippingProfileId { get; init; }

    /// <summary>Public image URLs in display order.</summary>
    public IReadOnlyList<string> ImageUrls { get; init; } = [];

    /// <summary>Shipping weight in kilograms, when known.</summary>
    public decimal? WeightKg { get; init; }

    /// <summary>Package dimensions in centimetres, when known.</summary>
    public Catalog.Products.Dimensions? Dimensions { get; init; }

    /// <summary>Extra platform attributes (item specifics, metafields): handedness, artist-owned, record identifiers.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Publish (true) or keep as a draft (false).</summary>
    public bool Publish { get; init; } = true;
}

/// <summary>Where a listing lives on a platform.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Sku">Our SKU.</param>
/// <param name="ExternalId">The platform's listing/product id.</param>
/// <param name="Url">Public URL, when the platform has one.</param>
/// <param name="Status">Canonical upper-case status (ACTIVE, DRAFT, ENDED, SOLD, ...).</param>
public sealed record ListingReference(string Platform, string Sku, string ExternalId, Uri? Url, string Status)
{
    /// <summary>
    /// The listing in each shop it was written to, when the connector manages several shops of the platform (Reverb
    /// accounts); null for a platform with one shop. The positional fields are then the first shop's listing.
    /// </summary>
    public IReadOnlyList<ShopListing>? Shops { get; init; }
}

/// <summary>A listing in one shop of a platform that has several (<see cref="ListingReference.Shops"/>).</summary>
/// <param name="Shop">The shop's key (a Reverb account key, <c>default</c> for the default account).</param>
/// <param name="ExternalId">The shop's listing id.</param>
/// <param name="Url">Public URL, when the shop has one.</param>
/// <param name="Status">Canonical upper-case status, as <see cref="ListingReference.Status"/>.</param>
public sealed record ShopListing(string Shop, string ExternalId, Uri? Url, string Status);

/// <summary>
/// One sold order line from any platform, normalized. <see cref="EventId"/> (platform + order + line)
/// is the ledger's idempotency key, so a webhook and a polled order for the same line apply once.
/// </summary>
public sealed record SaleEvent(string Platform, string OrderId, string LineId, string Sku, int Quantity, decimal? UnitPrice, string? Currency, DateTimeOffset OccurredAt)
{
    /// <summary>The ledger idempotency key: <c>{platform}:{orderId}:{lineId}</c>.</summary>
    public string EventId => $"{Platform}:{OrderId}:{LineId}";

    /// <summary>
    /// Units of the line the platform still holds against stock, from its order model (null: all of
    /// <see cref="Quantity"/>): 0 for a test, voided or cancelled order, less after a refund with restock.
    /// </summary>
    public int? Committed { get; init; }

    /// <summary>Why fewer units than ordered are committed (for the audit trail), e.g. "test order", "cancelled".</summary>
    public string? StatusReason { get; init; }

    /// <summary><see cref="Committed"/> within [0, <see cref="Quantity"/>].</summary>
    public int CommittedQuantity => Math.Clamp(Committed ?? Quantity, 0, Math.Max(Quantity, 0));

    /// <summary>This line with <paramref name="committed"/> units still held, for <paramref name="reason"/>.</summary>
    public SaleEvent WithCommitted(int committed, string reason) => committed >= Quantity ? this : this with { Committed = committed, StatusReason = reason };
}
