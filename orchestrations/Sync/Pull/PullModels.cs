using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// A position in a platform's listings ordered by (<see cref="UpdatedAt"/>, <see cref="Sku"/>, <see cref="ExternalId"/>):
/// everything at or before it has been pulled. For SELECTIVE pulls <see cref="Offset"/> counts the SKUs done instead.
/// </summary>
public sealed record PullCursor(DateTimeOffset? UpdatedAt, string Sku, string ExternalId, int Offset = 0)
{
    /// <summary>True when a listing with this key comes after the cursor.</summary>
    public bool IsBefore(DateTimeOffset? updatedAt, string sku, string externalId) => Compare(updatedAt, sku, externalId) > 0;

    /// <summary>Orders listing keys; a missing time sorts first.</summary>
    public int Compare(DateTimeOffset? updatedAt, string sku, string externalId)
    {
        var byTime = Nullable.Compare(updatedAt, UpdatedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var bySku = string.CompareOrdinal(sku, Sku);
        return bySku != 0 ? bySku : string.CompareOrdinal(externalId, ExternalId);
    }
}

/// <summary>
/// One difference a pull found and what was done about it. <see cref="Kind"/>: FIELD (a product field, see
/// <see cref="Field"/>), LINK (a listing the catalog did not know), STATUS (the listing's status there),
/// MISSING (no listing there), EXTRA (a SKU the catalog does not have), QUANTITY (reconciliation pushed the
/// catalog's stock), END (reconciliation ended a listing of a sold item). <see cref="Outcome"/>: APPLIED,
/// REVIEW, REJECTED, RECORDED, REPAIRED, FAILED, or in a dry run WOULD_APPLY, WOULD_REVIEW, WOULD_REJECT, WOULD_RECORD, WOULD_REPAIR.
/// </summary>
public sealed record PullChange(string Sku, Platform Platform, string Kind, string? Field, string? Before, string? After, string Outcome, string? ChangeSetId = null);

/// <summary>Input of <see cref="StartPullActivity"/>.</summary>
public sealed record PullStartRequest(FullSyncRequest Request, IReadOnlyList<Platform> Platforms);

/// <summary>A platform a pull reads and where it starts (INCREMENTAL: the stored cursor; otherwise null).</summary>
public sealed record PullPlatformStart(Platform Platform, PullCursor? Cursor);

/// <summary>Input of <see cref="CountRemoteActivity"/>.</summary>
public sealed record PullCountRequest(Platform Platform, FullSyncRequest Request, PullCursor? Cursor, DateTimeOffset Until);

/// <summary>
/// One page of a pull on one platform: the next <see cref="FullSyncRequest.BatchSize"/> listings after
/// <see cref="Cursor"/> updated no later than <see cref="Until"/> (the sync's start). <see cref="AdvanceCursor"/>:
/// move the stored INCREMENTAL cursor after the page is staged.
/// </summary>
public sealed record PullPageRequest(Platform Platform, FullSyncRequest Request, PullCursor? Cursor, DateTimeOffset Until, bool AdvanceCursor);

/// <summary>Input of <see cref="FindMissingActivity"/>: listings not seen since <see cref="Since"/> (the pull's start) are checked.</summary>
public sealed record PullMissingRequest(Platform Platform, DateTimeOffset Since, bool DryRun);

/// <summary>What a page did: listings read, the differences, the cursor after it (null: the platform is done).</summary>
public sealed record PullPageResult(Platform Platform, int Read, IReadOnlyList<PullChange> Changes, PullCursor? Next, int Failed, IReadOnlyList<string> Errors);

/// <summary>Counts of one platform's pull; part of the sync's custom status.</summary>
public sealed record PullPlatformProgress
{
    public int Read { get; init; }

    public int? Total { get; init; }

    public int Applied { get; init; }

    public int Review { get; init; }

    public int Rejected { get; init; }

    /// <summary>Listing records written (links, status, missing).</summary>
    public int Recorded { get; init; }

    public int Extra { get; init; }

    public int Failed { get; init; }

    public PullCursor? Cursor { get; init; }

    public bool Done { get; init; }

    /// <summary>A page failed: the stored cursor stays where it was so the next incremental pull reads the failed listings again.</summary>
    public bool CursorHeld { get; init; }

    public string? Error { get; init; }
}

/// <summary>The pull phase of a full sync, carried across pages with the rest of <see cref="FullSyncState"/>.</summary>
public sealed record PullState
{
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Listings updated after this (the sync's start) are left to the next pull.</summary>
    public required DateTimeOffset Until { get; init; }

    public IReadOnlyDictionary<Platform, PullPlatformProgress> PerPlatform { get; init; } = new Dictionary<Platform, PullPlatformProgress>();

    public int Pages { get; init; }

    public int ChangeCount { get; init; }

    /// <summary>The first 1,000 differences (the dry-run report); left out of the custom status.</summary>
    public IReadOnlyList<PullChange> Changes { get; init; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];

    public DateTime? EtaUtc { get; init; }

    public bool Completed { get; init; }
}
