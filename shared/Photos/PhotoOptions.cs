using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Photos;

/// <summary>Settings of the photo-to-listing pipeline (section <c>Photos</c>).</summary>
public sealed class PhotoOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Photos";

    /// <summary>The blob container photos are uploaded to (default <c>photos</c>; the blob trigger watches it).</summary>
    public string Container { get; set; } = "photos";

    /// <summary>The table holding each batch's state (default <c>photobatches</c>).</summary>
    public string TableName { get; set; } = "photobatches";

    /// <summary>Largest accepted image (default 10 MB).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted batch, all images together (default 25 MB).</summary>
    [Range(1024, 300 * 1024 * 1024)]
    public long MaxBatchBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Score (0-100) a release needs to be matched without the operator (default 50).</summary>
    [Range(1, 100)]
    public double MatchThreshold { get; set; } = 50;

    /// <summary>How far the best candidate must lead the next one (default 10).</summary>
    [Range(0, 100)]
    public double MatchMargin { get; set; } = 10;

    /// <summary>Releases fetched and scored per batch (default 6; each costs one Discogs call).</summary>
    [Range(1, 50)]
    public int MaxCandidates { get; set; } = 6;

    /// <summary>How long an unmatched batch waits for the operator's choice before it closes (default 6 days: under the 7-day limit of a queue message's visibility, which carries durable timers on Azure Storage).</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromDays(6);

    /// <summary>
    /// How long a batch dropped straight into the container (not through the upload API) waits for its other photos
    /// before matching starts (default 10 s).
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(10);
}
