using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>
/// A run of the stale-stock policies. <paramref name="Eternal"/>: the daily workflow, which waits
/// <see cref="StaleStockOptions.Interval"/> after each run and continues as new with <paramref name="Generation"/> + 1 and
/// the run's report as <paramref name="Last"/>.
/// </summary>
public sealed record StaleStockRun(bool DryRun, bool Eternal = false, int Generation = 0, StaleStockReport? Last = null);

/// <summary>The listings of one platform to check at <paramref name="Now"/> (the orchestration's clock) in one activity call.</summary>
public sealed record StaleStockChunk(Platform Platform, IReadOnlyList<string> Skus, bool DryRun, DateTimeOffset Now);

/// <summary>What a policy did (or would do) for one listing.</summary>
public static class StaleStockOutcomes
{
    public const string Relisted = "relisted";
    public const string WouldRelist = "would-relist";
    public const string Archived = "archived";
    public const string WouldArchive = "would-archive";
    public const string Failed = "failed";
}

/// <summary>
/// One listing a policy acted on: why (<c>listed 200 days</c>, <c>out of stock</c>, <c>no sale for 190 days</c>), the
/// listing ids before and after (a relist on eBay makes a new listing), the error of a failed attempt, and the shop (Reverb
/// account key) of a listing in several shops, each acted on apart; null for a listing in one shop.
/// </summary>
public sealed record StaleStockAction(string Sku, Platform Platform, string Outcome, string Reason, string? ExternalIdBefore, string? ExternalIdAfter, string? Error = null,
    string? Shop = null);

/// <summary>A run's report: listings checked, counts by outcome, and the first <see cref="MaxActions"/> actions.</summary>
public sealed record StaleStockReport(DateTimeOffset RanAt, bool DryRun, int Checked, int Relisted, int WouldRelist, int Archived, int WouldArchive, int Failed,
    IReadOnlyList<StaleStockAction> Actions)
{
    /// <summary>Actions kept in a report: the daily workflow carries it in its custom status, a table property of limited size.</summary>
    public const int MaxActions = 50;
}

/// <summary>The daily workflow's custom status: <c>running</c> or <c>waiting</c> (until <paramref name="NextRunAt"/>), and the last report.</summary>
public sealed record StaleStockStatus(string Phase, int Generation, DateTimeOffset? NextRunAt, StaleStockReport? Last);
