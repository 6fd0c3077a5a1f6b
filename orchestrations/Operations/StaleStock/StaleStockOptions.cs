namespace Marketplace.Orchestrations.Operations.StaleStock;

/// <summary>Settings of the stale-stock policies (section <c>StaleStock</c>). Off by default.</summary>
public sealed class StaleStockOptions
{
    public const string Section = "StaleStock";

    /// <summary>The host starts the daily workflow at start-up (<c>StaleStock:Enabled</c>). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The daily workflow only reports what it would do (<c>StaleStock:DryRun</c>). Default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>eBay and Reverb listings live this many days are relisted (<c>StaleStock:RelistAfterDays</c>). Default 180.</summary>
    public int RelistAfterDays { get; set; } = 180;

    /// <summary>Shopify products with no sale for this many days are archived (<c>StaleStock:ArchiveAfterDays</c>). Default 180.</summary>
    public int ArchiveAfterDays { get; set; } = 180;

    /// <summary>Shopify products the catalog has no stock of are archived (<c>StaleStock:ArchiveOutOfStock</c>). Default true.</summary>
    public bool ArchiveOutOfStock { get; set; } = true;

    /// <summary>Time between runs of the workflow (<c>StaleStock:Interval</c>). Default one day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Listings per activity call (<c>StaleStock:ChunkSize</c>). Default 50.</summary>
    public int ChunkSize { get; set; } = 50;

    /// <summary>Listings of one chunk handled at a time (<c>StaleStock:Concurrency</c>). Default 4.</summary>
    public int Concurrency { get; set; } = 4;
}
