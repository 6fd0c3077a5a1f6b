namespace Marketplace.Orchestrations.Sync.Shopware;

/// <summary>
/// A backfill's checkpoint (also its input and, between pages, its custom status): the catalog cursor after the last
/// published page and the counters so far. A new backfill holds only <see cref="BatchSize"/>.
/// </summary>
public sealed record ShopwareBackfillState
{
    /// <summary>Products per page (one <c>_action/sync</c> request per page, 1-500).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The catalog cursor after the last finished page; null before the first.</summary>
    public string? Cursor { get; init; }

    public int Pages { get; init; }

    public int Published { get; init; }

    public int Failed { get; init; }

    /// <summary>The first failures (SKU: Shopware's error), at most 100.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool Completed { get; init; }
}

/// <summary>One page to publish: the catalog cursor to read after, and how many products.</summary>
public sealed record ShopwareBackfillPageRequest(string? Cursor, int BatchSize);

/// <summary>What a page did: published SKUs, failures (SKU: error), and the cursor of the next page (null: done).</summary>
public sealed record ShopwareBackfillPage(IReadOnlyList<string> Published, IReadOnlyList<string> Failures, string? NextCursor);
