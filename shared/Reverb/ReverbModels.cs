using System.Text.Json.Serialization;

namespace Marketplace.Shared.Reverb;

/// <summary>A money amount as Reverb sends it (<c>amount</c> is a decimal string).</summary>
public sealed record ReverbMoney(string Amount, string Currency);

/// <summary>Reverb's <c>{uuid}</c> reference (categories, condition).</summary>
public sealed record ReverbUuid(string Uuid);

/// <summary>Listing state (<c>draft</c>, <c>live</c>, <c>sold_out</c>, <c>ended</c>, ...).</summary>
public sealed record ReverbState(string Slug);

/// <summary>A HAL link.</summary>
public sealed record ReverbLink(string Href);

/// <summary>A processed listing photo (HAL links to its sizes).</summary>
public sealed record ReverbPhoto([property: JsonPropertyName("_links")] IReadOnlyDictionary<string, ReverbLink>? Links);

/// <summary>A listing's <c>stats</c>: page views and the number of buyers watching it.</summary>
public sealed record ReverbListingStats(int? Views, int? Watches);

/// <summary>A listing as Reverb returns it (HAL: links under <c>_links</c>).</summary>
public sealed record ReverbListing
{
    public long Id { get; init; }

    public string? Sku { get; init; }

    public string? Title { get; init; }

    public string? Make { get; init; }

    public string? Model { get; init; }

    public string? Year { get; init; }

    public string? Description { get; init; }

    public ReverbMoney? Price { get; init; }

    public bool HasInventory { get; init; }

    public int Inventory { get; init; }

    public ReverbState? State { get; init; }

    public IReadOnlyList<ReverbUuid>? Categories { get; init; }

    public ReverbUuid? Condition { get; init; }

    public long? ShippingProfileId { get; init; }

    /// <summary>Photos as Reverb returns them (processed copies under <c>_links</c>, not the URLs sent).</summary>
    public IReadOnlyList<ReverbPhoto>? Photos { get; init; }

    [JsonPropertyName("_links")]
    public IReadOnlyDictionary<string, ReverbLink>? Links { get; init; }

    /// <summary>When the listing was created, when Reverb sends it.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When Reverb last changed the listing, when Reverb sends it.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the listing last went live (a relist publishes it again), when Reverb sends it.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Buyers' interest in the listing (<c>stats</c>), when Reverb sends it.</summary>
    public ReverbListingStats? Stats { get; init; }

    /// <summary>True once the listing can no longer sell (ended or sold).</summary>
    [JsonIgnore]
    public bool IsClosed => State?.Slug is "ended" or "sold_out" or "sold";
}

internal sealed record ReverbListingPage(int Total, IReadOnlyList<ReverbListing>? Listings, [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, ReverbLink>? Links = null);

internal sealed record ReverbListingEnvelope(ReverbListing? Listing, string? Message);

/// <summary>A selling order (<c>/api/my/orders/selling/...</c>): each Reverb order is one listing.</summary>
public sealed record ReverbOrder
{
    public required string OrderNumber { get; init; }

    public string? Sku { get; init; }

    public long? ProductId { get; init; }

    public int Quantity { get; init; }

    public ReverbMoney? AmountProduct { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

internal sealed record ReverbOrderPage(int Total, IReadOnlyList<ReverbOrder>? Orders, [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, ReverbLink>? Links);
