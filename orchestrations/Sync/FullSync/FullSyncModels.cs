using System.Text.Json.Serialization;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.FullSync;

/// <summary>Which products a full sync covers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncScope>))]
public enum SyncScope
{
    /// <summary>PUSH: every ACTIVE product, missing listings created, outdated ones updated. PULL: every listing on the platforms.</summary>
    [JsonStringEnumMemberName("ALL")]
    All,

    /// <summary>PUSH: only listings whose last pushed version is older than the product. PULL: only listings the platform changed after its stored pull cursor.</summary>
    [JsonStringEnumMemberName("INCREMENTAL")]
    Incremental,

    /// <summary>The given SKUs (PUSH: creates and updates, like ALL; PULL: one read per SKU, a live listing gone there is recorded REMOVED).</summary>
    [JsonStringEnumMemberName("SELECTIVE")]
    Selective,
}

/// <summary>Which way a full sync moves data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncDirection>))]
public enum SyncDirection
{
    /// <summary>Catalog to platforms: missing listings are created, outdated ones updated (the default).</summary>
    [JsonStringEnumMemberName("PUSH")]
    Push,

    /// <summary>Platforms to catalog: what the platforms show differently becomes change sets (auto-approved or staged for review).</summary>
    [JsonStringEnumMemberName("PULL")]
    Pull,

    /// <summary>PULL first (stage), then PUSH what the catalog owns.</summary>
    [JsonStringEnumMemberName("BIDIRECTIONAL")]
    Bidirectional,
}

/// <summary>A full sync request: direction, scope, platform subset, dry run and page size.</summary>
public sealed record FullSyncRequest
{
    public SyncDirection Direction { get; init; } = SyncDirection.Push;

    /// <summary>PUSH: ALL / INCREMENTAL (listings older than the product) / SELECTIVE. PULL: ALL / INCREMENTAL (listings the platform updated after its stored pull cursor) / SELECTIVE.</summary>
    public SyncScope Scope { get; init; } = SyncScope.All;

    /// <summary>SKUs for <see cref="SyncScope.Selective"/>.</summary>
    public IReadOnlyList<string> Skus { get; init; } = [];

    /// <summary>Platform subset; empty means every connected platform.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Report what would change, change nothing (no listing, change set, catalog or cursor write).</summary>
    public bool DryRun { get; init; }

    /// <summary>Products per page (1-500, default 100); the cursor is checkpointed after each page.</summary>
    public int BatchSize { get; init; } = 100;
}

/// <summary>One listing change a sync makes (or would make, in a dry run).</summary>
public sealed record SyncChange(string Sku, Platform Platform, string Action);

/// <summary>A page of work: the changes, how many products were read, and the cursor after it (null: last page).</summary>
public sealed record SyncPage(IReadOnlyList<SyncChange> Changes, int Products, string? NextCursor);

/// <summary>The page request given to the read activity.</summary>
public sealed record SyncPageRequest(FullSyncRequest Request, IReadOnlyList<Platform> Platforms, string? Cursor);

/// <summary>Counts per platform.</summary>
public sealed record PlatformProgress(int Created, int Updated, int Failed);

/// <summary>
/// The orchestration's state, carried across pages by ContinueAsNew and published as custom status: products
/// done of total, per platform counts, errors, ETA. <see cref="Changes"/> lists the first 1,000 changes (the dry-run report).
/// </summary>
public sealed record FullSyncState
{
    public required FullSyncRequest Request { get; init; }

    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    public string? Cursor { get; init; }

    public int Pages { get; init; }

    public int Done { get; init; }

    public int? Total { get; init; }

    public IReadOnlyDictionary<Platform, PlatformProgress> PerPlatform { get; init; } = new Dictionary<Platform, PlatformProgress>();

    public int ChangeCount { get; init; }

    public IReadOnlyList<SyncChange> Changes { get; init; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];

    public DateTime? StartedAt { get; init; }

    public DateTime? EtaUtc { get; init; }

    public bool Completed { get; init; }

    /// <summary>The pull phase (PULL and BIDIRECTIONAL); null before it starts and for PUSH.</summary>
    public Pull.PullState? Pull { get; init; }
}
