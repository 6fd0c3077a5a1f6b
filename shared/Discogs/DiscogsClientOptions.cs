using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// Settings of <see cref="DiscogsClient"/> (section <c>Discogs</c>), validated at start-up. The token is a secret:
/// from configuration or Key Vault, never logged.
/// </summary>
public sealed class DiscogsClientOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Discogs";

    /// <summary>Personal access token, sent as <c>Authorization: Discogs token=...</c>. Secret.</summary>
    [Required]
    public string Token { get; set; } = string.Empty;

    /// <summary>The application's own User-Agent (Discogs blocks generic ones): name/version and a contact URL.</summary>
    [Required]
    public string UserAgent { get; set; } = "MarketplaceIntegration/1.0 +https://github.com/";

    /// <summary>API root (default <c>https://api.discogs.com</c>).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.discogs.com");

    /// <summary>The seller's username (inventory path); read from <c>/oauth/identity</c> when empty.</summary>
    public string? Username { get; set; }

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> until the server's <c>X-Discogs-Ratelimit</c> says otherwise (authenticated: 60).</summary>
    [Range(1, 10_000)]
    public int RateLimit { get; set; } = 60;

    /// <summary>Discogs's moving window (60 s).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Slack added when waiting for the window to move, so clock skew and latency never cost a 429 (default 250 ms).</summary>
    public TimeSpan RateLimitMargin { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Currency of listing prices when a draft does not say (the seller's currency on Discogs).</summary>
    public string DefaultCurrency { get; set; } = "GBP";

    /// <summary>Results per search page (Discogs: at most 100).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 50;

    /// <summary>Timeout of one HTTP attempt (default 30 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries for 429 (Retry-After honoured) and, for safe requests, 5xx and timeouts (default 4).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay, doubled per retry with jitter (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
