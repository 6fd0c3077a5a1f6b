using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.Audit;

/// <summary>How an audited action ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditOutcome>))]
public enum AuditOutcome
{
    [JsonStringEnumMemberName("SUCCESS")]
    Success,

    [JsonStringEnumMemberName("FAILURE")]
    Failure,

    /// <summary>Already done before (duplicate event, unchanged import row).</summary>
    [JsonStringEnumMemberName("DUPLICATE")]
    Duplicate,

    /// <summary>A sale found too little stock.</summary>
    [JsonStringEnumMemberName("OVERSOLD")]
    Oversold,
}

/// <summary>
/// One line of the audit trail / sync log: who did what to which SKU (and platform), when, with which
/// correlation id and outcome. Catalog mutations write theirs in the same transaction as the mutation.
/// </summary>
public sealed record AuditRecord
{
    public required string Id { get; init; }

    public required string Sku { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    /// <summary>What happened, e.g. <c>product.update</c>, <c>ledger.sale</c>, <c>listing.push</c>, <c>changeset.rollback</c>.</summary>
    public required string Action { get; init; }

    public Platform? Platform { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public required string CorrelationId { get; init; }

    /// <summary>Short human-readable detail (version numbers, fields, error message).</summary>
    public string? Detail { get; init; }
}

/// <summary>
/// Filters of an audit query; all optional, combined with AND. Time bounds are inclusive. <see cref="Cursor"/>
/// continues after the last record of an earlier page (<see cref="AuditPage.NextCursor"/>) of the same query.
/// </summary>
public sealed record AuditQuery(string? Sku = null, Platform? Platform = null, DateTimeOffset? From = null, DateTimeOffset? To = null, AuditOutcome? Outcome = null,
    string? Action = null, int Limit = 100, string? Cursor = null);

/// <summary>One page of audit records, newest first; pass <see cref="NextCursor"/> back as <see cref="AuditQuery.Cursor"/> (null: last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);
