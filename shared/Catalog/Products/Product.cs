namespace Marketplace.Shared.Catalog.Products;

/// <summary>
/// One item of the canonical catalog, the source every platform listing is pushed from. <see cref="Sku"/> is
/// unique and immutable. <see cref="Quantity"/> is derived from the inventory ledger and only changes through
/// it; <see cref="Version"/> grows by one with each content change and is the optimistic-concurrency token
/// callers send back (stock changes do not bump it). Collections keep their order (images: first is the cover).
/// </summary>
public sealed record Product
{
    public required string Sku { get; init; }

    public required string Title { get; init; }

    /// <summary>HTML description, pushed as is.</summary>
    public string DescriptionHtml { get; init; } = string.Empty;

    /// <summary>Brand, or artist for records.</summary>
    public string? Brand { get; init; }

    /// <summary>Model, or label for records.</summary>
    public string? Model { get; init; }

    public int? Year { get; init; }

    public ProductCondition Condition { get; init; } = ProductCondition.Excellent;

    /// <summary>Optional numeric grade 0-10 (e.g. Reverb's condition rating, Goldmine grades for records).</summary>
    public decimal? ConditionRating { get; init; }

    /// <summary>Base price in <see cref="Currency"/>; platform prices derive from it through <see cref="PriceRules"/>.</summary>
    public decimal BasePrice { get; init; }

    /// <summary>ISO 4217 code, upper case. Default GBP.</summary>
    public string Currency { get; init; } = "GBP";

    /// <summary>Per-platform markups and rounding; a platform without a rule sells at the base price.</summary>
    public IReadOnlyDictionary<Platform, PriceRule> PriceRules { get; init; } = new Dictionary<Platform, PriceRule>();

    /// <summary>Units in stock, from the ledger. Never negative.</summary>
    public int Quantity { get; init; }

    /// <summary>True for a stocked (inventorised) item; false for a one-off (quantity 0 or 1).</summary>
    public bool Stocked { get; init; }

    /// <summary>Ordered image blob references; the first is the cover.</summary>
    public IReadOnlyList<ImageRef> Images { get; init; } = [];

    /// <summary>Canonical category path, e.g. <c>guitars/electric</c>.</summary>
    public string? Category { get; init; }

    /// <summary>Explicit per-platform category ids that override the category mapping.</summary>
    public IReadOnlyDictionary<Platform, string> PlatformCategories { get; init; } = new Dictionary<Platform, string>();

    public Handedness Handedness { get; init; } = Handedness.Right;

    /// <summary>Owned by a known artist (default false).</summary>
    public bool ArtistOwned { get; init; }

    /// <summary>
    /// The Reverb accounts (shops) the product is listed on, by key (<c>default</c> for the <c>Reverb:*</c> account);
    /// empty: the default account only.
    /// </summary>
    public IReadOnlyList<string> ReverbAccounts { get; init; } = [];

    /// <summary>Shipping profile / business policy id per platform.</summary>
    public IReadOnlyDictionary<Platform, string> ShippingProfiles { get; init; } = new Dictionary<Platform, string>();

    public decimal? WeightKg { get; init; }

    public Dimensions? Dimensions { get; init; }

    /// <summary>Record identifiers (barcode, catalogue number, matrix/runout, Discogs release id).</summary>
    public RecordIdentifiers? Identifiers { get; init; }

    public ProductStatus Status { get; init; } = ProductStatus.Draft;

    /// <summary>Content version, 1 on creation.</summary>
    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A reference to an image blob (<c>container/path</c>) with optional alt text.</summary>
public sealed record ImageRef(string Blob, string? Alt = null);

/// <summary>Package dimensions in centimetres.</summary>
public sealed record Dimensions(decimal LengthCm, decimal WidthCm, decimal HeightCm);

/// <summary>Identifiers of a record (vinyl, CD).</summary>
public sealed record RecordIdentifiers
{
    public string? Barcode { get; init; }

    public string? CatalogueNumber { get; init; }

    /// <summary>Matrix / runout etching text.</summary>
    public string? MatrixRunout { get; init; }

    public long? DiscogsReleaseId { get; init; }
}
