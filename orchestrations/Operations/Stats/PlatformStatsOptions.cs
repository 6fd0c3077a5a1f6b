namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>Settings of the platform stats pull and the dead-stock list (section <c>PlatformStats</c>). The daily pull is off by default.</summary>
public sealed class PlatformStatsOptions
{
    public const string Section = "PlatformStats";

    /// <summary>The host starts the daily pull at start-up (<c>PlatformStats:Enabled</c>). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Time between pulls (<c>PlatformStats:Interval</c>). Default one day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Days of eBay's traffic report each pull reads (<c>PlatformStats:EbayWindowDays</c>). Default 30.</summary>
    public int EbayWindowDays { get; set; } = 30;

    /// <summary>Dead stock: no sale for this many days (<c>PlatformStats:DeadStockDays</c>). Default 90.</summary>
    public int DeadStockDays { get; set; } = 90;

    /// <summary>Dead stock: at most this many views over all platforms (<c>PlatformStats:DeadStockMaxViews</c>). Default 10.</summary>
    public int DeadStockMaxViews { get; set; } = 10;
}
