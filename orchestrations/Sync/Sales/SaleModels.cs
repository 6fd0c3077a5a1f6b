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
}

/// <summary>One platform to update after a sale.</summary>
public sealed record StockPush(string Sku, Platform Platform, StockAction Action, int Quantity, string EventId);

/// <summary>
/// What the ledger did with a sale and what follows: the new quantity, the platforms to update and, for an
/// oversell, the orders that competed for the stock.
/// </summary>
public sealed record SalePlan(string Sku, LedgerOutcome? Outcome, int Quantity, bool Stocked, IReadOnlyList<StockPush> Pushes, string? Problem, OversellNotice? Oversell);

/// <summary>An oversell: this order found too little stock, <see cref="CompetingOrders"/> took it.</summary>
public sealed record OversellNotice(string Sku, string EventId, string? OrderId, Platform? Source, int Shortfall, IReadOnlyList<string> CompetingOrders);

/// <summary>The outcome of one platform's update.</summary>
public sealed record StockPushOutcome(Platform Platform, StockAction Action, bool Succeeded, string? Error);

/// <summary>The sale orchestration's output.</summary>
public sealed record SaleResult(string EventId, string Sku, LedgerOutcome? Outcome, int Quantity, IReadOnlyList<StockPushOutcome> Platforms, string? Problem, OversellNotice? Oversell);
