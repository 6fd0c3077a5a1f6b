using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>State of a change set: PENDING → APPROVED/REJECTED → APPLIED → ROLLED_BACK.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeSetStatus>))]
public enum ChangeSetStatus
{
    /// <summary>At least one field awaits a decision.</summary>
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    /// <summary>Every field is decided and at least one is approved; ready to apply.</summary>
    [JsonStringEnumMemberName("APPROVED")]
    Approved,

    /// <summary>Every field was rejected; nothing to apply.</summary>
    [JsonStringEnumMemberName("REJECTED")]
    Rejected,

    [JsonStringEnumMemberName("APPLIED")]
    Applied,

    [JsonStringEnumMemberName("ROLLED_BACK")]
    RolledBack,
}

/// <summary>Decision on one field change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldChangeStatus>))]
public enum FieldChangeStatus
{
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    [JsonStringEnumMemberName("APPROVED")]
    Approved,

    [JsonStringEnumMemberName("REJECTED")]
    Rejected,
}

/// <summary>
/// One staged field change: the product's value when staged (<see cref="Before"/>) and the proposed value
/// (<see cref="After"/>), both as JSON in the product's shape. <see cref="Conflict"/> is true when both the
/// catalog and the platform changed the field since the last sync. <see cref="Rule"/> says why it was
/// decided automatically, if it was.
/// </summary>
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After, bool Conflict = false, FieldChangeStatus Status = FieldChangeStatus.Pending, string? Rule = null);

/// <summary>
/// Staged field-level changes to one product from one source. Applying writes a new product version
/// (quantity changes go through the ledger as SYNC_CORRECTION) and queues pushes; rolling back restores the
/// before values (and reverses quantity deltas) as another new version and queues pushes again.
/// </summary>
public sealed record ChangeSet
{
    public required string Id { get; init; }

    public required string Sku { get; init; }

    /// <summary>The platform the changes came from; null for an admin or import change.</summary>
    public Platform? Source { get; init; }

    public required string Reason { get; init; }

    public ChangeSetStatus Status { get; init; } = ChangeSetStatus.Pending;

    /// <summary>The product version the changes were staged against.</summary>
    public required long BaseVersion { get; init; }

    public required IReadOnlyList<FieldChange> Changes { get; init; }

    /// <summary>Groups change sets staged together (one pull, one bulk edit).</summary>
    public string? BatchId { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Product version just before apply, and the version apply produced.</summary>
    public long? VersionBeforeApply { get; init; }

    public long? AppliedVersion { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    public long? RollbackVersion { get; init; }

    public DateTimeOffset? RolledBackAt { get; init; }

    public string? CorrelationId { get; init; }

    internal static ChangeSetStatus StatusOf(IReadOnlyList<FieldChange> changes) =>
        changes.Any(c => c.Status == FieldChangeStatus.Pending) ? ChangeSetStatus.Pending
        : changes.Any(c => c.Status == FieldChangeStatus.Approved) ? ChangeSetStatus.Approved
        : ChangeSetStatus.Rejected;
}

/// <summary>A reference to a change set, for bulk operations.</summary>
public sealed record ChangeSetRef(string Sku, string Id);
