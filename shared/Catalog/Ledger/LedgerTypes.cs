using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.Ledger;

/// <summary>Why stock changed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LedgerReason>))]
public enum LedgerReason
{
    /// <summary>A sale on a platform (negative delta).</summary>
    [JsonStringEnumMemberName("SALE")]
    Sale,

    /// <summary>A returned unit (positive delta).</summary>
    [JsonStringEnumMemberName("RETURN")]
    Return,

    /// <summary>A manual correction by an operator.</summary>
    [JsonStringEnumMemberName("ADJUSTMENT")]
    Adjustment,

    /// <summary>A quantity set by a CSV import.</summary>
    [JsonStringEnumMemberName("IMPORT")]
    Import,

    /// <summary>A quantity change pulled from a platform (approved change set) or a rollback of one.</summary>
    [JsonStringEnumMemberName("SYNC_CORRECTION")]
    SyncCorrection,
}

/// <summary>What appending an inventory change did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LedgerOutcome>))]
public enum LedgerOutcome
{
    /// <summary>The whole delta was applied.</summary>
    [JsonStringEnumMemberName("APPLIED")]
    Applied,

    /// <summary>A sale asked for more than was in stock: the available units (maybe none) were taken and the shortfall recorded as an oversell.</summary>
    [JsonStringEnumMemberName("OVERSOLD")]
    Oversold,

    /// <summary>The event id was seen before; nothing changed (the earlier entry is returned).</summary>
    [JsonStringEnumMemberName("DUPLICATE")]
    Duplicate,
}

/// <summary>
/// A requested stock change. <see cref="EventId"/> is the idempotency key within the product and
/// <see cref="Source"/> (a platform's order line or webhook id, or a generated id for manual changes).
/// </summary>
public sealed record InventoryChange
{
    public required string Sku { get; init; }

    /// <summary>Signed units: negative for a sale.</summary>
    public required int Delta { get; init; }

    public required LedgerReason Reason { get; init; }

    public required string EventId { get; init; }

    /// <summary>The platform the change came from; null for the admin or an import.</summary>
    public Platform? Source { get; init; }

    /// <summary>The platform's order id, for sales and returns.</summary>
    public string? OrderId { get; init; }

    public string Actor { get; init; } = "system";

    public string? CorrelationId { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// An append-only ledger entry. <see cref="RequestedDelta"/> is what was asked, <see cref="AppliedDelta"/>
/// what changed stock (they differ only for an oversold sale); the sum of applied deltas is the quantity.
/// <see cref="Sequence"/> orders a product's entries (1, 2, …).
/// </summary>
public sealed record LedgerEntry
{
    public required string Sku { get; init; }

    public required string EventId { get; init; }

    public Platform? Source { get; init; }

    public required LedgerReason Reason { get; init; }

    public required int RequestedDelta { get; init; }

    public required int AppliedDelta { get; init; }

    public required int QuantityAfter { get; init; }

    public required long Sequence { get; init; }

    public string? OrderId { get; init; }

    public required string Actor { get; init; }

    public required string CorrelationId { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>A sale that found too little stock: which platform and order, and how many units were missing.</summary>
public sealed record OversellRecord
{
    public required string Sku { get; init; }

    public required string EventId { get; init; }

    public Platform? Source { get; init; }

    public string? OrderId { get; init; }

    public required int Requested { get; init; }

    public required int Shortfall { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string CorrelationId { get; init; }
}

/// <summary>The result of appending a change: the (new or earlier) entry, the quantity now, and the oversell if any.</summary>
public sealed record LedgerAppendResult(LedgerOutcome Outcome, LedgerEntry Entry, int Quantity, OversellRecord? Oversell)
{
    /// <summary>The product after the change (internal: lets a caller write the product row itself).</summary>
    internal Products.Product? Product { get; init; }
}

/// <summary>Sales of a SKU (or of all) per platform: the "where sold" report.</summary>
public sealed record WhereSoldRow(string Sku, Platform? Platform, int UnitsSold, int Orders, int UnitsReturned, int OversoldUnits, DateTimeOffset? LastSaleAt);
