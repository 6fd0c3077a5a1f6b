using System.Text.Json.Serialization;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>What a platform must do after a sale elsewhere.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StockAction>))]
public enum StockAction
{
    /// <summary>Set the available quantity (stocked items).</summary>
    [JsonStringEnumMemberName("QUANTITY")]
    SetQuantity,

    /// <summary>End the listing (a one-off item that is gone).</summary>
    [JsonStringEnumMemberName("END")]
    End,

    /// <summary>Publish the ended listing again (stock came back to a one-off or sold-out item).</summary>
    [JsonStringEnumMemberName("RELIST")]
    Relist,
}

/// <summary>
/// One platform to update after a sale or return. <see cref="Quantity"/> is the catalog's when planned; the push itself
/// sends the catalog's quantity as it is when it runs (so a retried or late push never restores an older, higher one).
/// </summary>
public sealed record StockPush(string Sku, Platform Platform, StockAction Action, int Quantity, string EventId);

/// <summary>
/// What the ledger did with a sale and what follows: the new quantity, the platforms to update and, for an
/// oversell, the orders that competed for the stock.
/// </summary>
public sealed record SalePlan(string Sku, LedgerOutcome? Outcome, int Quantity, bool Stocked, IReadOnlyList<StockPush> Pushes, string? Problem, OversellNotice? Oversell,
    OrderLineOutcome? Line = null)
{
    /// <summary>Pushes already settled by the ledger step (done, or refused for good); the others still need a push.</summary>
    public IReadOnlyList<StockPushOutcome> Settled { get; init; } = [];
}

/// <summary>An oversell: this order found too little stock, <see cref="CompetingOrders"/> took it.</summary>
public sealed record OversellNotice(string Sku, string EventId, string? OrderId, Platform? Source, int Shortfall, IReadOnlyList<string> CompetingOrders);

/// <summary>The outcome of one platform's update.</summary>
public sealed record StockPushOutcome(Platform Platform, StockAction Action, bool Succeeded, string? Error);

/// <summary>The sale orchestration's output.</summary>
/// <summary><see cref="Line"/>: what the order line did to the ledger (sold, not committed, returned, unchanged).</summary>
public sealed record SaleResult(string EventId, string Sku, LedgerOutcome? Outcome, int Quantity, IReadOnlyList<StockPushOutcome> Platforms, string? Problem, OversellNotice? Oversell,
    OrderLineOutcome? Line = null);
