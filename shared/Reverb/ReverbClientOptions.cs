using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Reverb;

/// <summary>
/// Settings for <see cref="ReverbClient"/> (section <c>Reverb</c>), validated at start-up. The access token and the
/// webhook secret are secrets: read from configuration or Key Vault, never logged.
/// </summary>
public sealed class ReverbClientOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Reverb";

    /// <summary>Personal access token (or OAuth token) sent as <c>Authorization: Bearer</c>. Secret.</summary>
    [Required]
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>API root: <c>https://api.reverb.com</c>; <c>https://sandbox.reverb.com</c> for Reverb's sandbox.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.reverb.com");

    /// <summary>Currency used for prices when a draft does not say.</summary>
    public string DefaultCurrency { get; set; } = "EUR";

    /// <summary>
    /// The unguessable path segment of the webhook route (at least 32 characters). Reverb webhooks carry no
    /// signature, so this secret and the confirming API fetch are what keep forged calls out. Secret.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Timeout of one HTTP attempt (default 30 s). A timed-out create is resolved by looking the SKU up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries for 429 (honouring Retry-After) and, for safe requests, 5xx and timeouts (default 4).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay, doubled per retry with jitter (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Orders per page when polling (Reverb's default is 24; at most 50).</summary>
    [Range(1, 50)]
    public int OrdersPageSize { get; set; } = 50;

    /// <summary>Listings per page when reading the shop's listings (<c>per_page</c>; Reverb's default is 24, at most 50).</summary>
    [Range(1, 50)]
    public int ListingsPageSize { get; set; } = 50;

    /// <summary>
    /// Further Reverb shops managed beside this (default) one, by key (<c>Reverb:Accounts:{key}:AccessToken</c>,
    /// <c>:WebhookSecret</c>); see <see cref="ReverbAccounts"/>.
    /// </summary>
    public Dictionary<string, ReverbAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The Left-Handed sub-category sent beside the listing's category for a left-handed product whose category map
    /// names none for Reverb (Reverb's taxonomy, <c>GET /api/categories/flat</c>, e.g. <c>electric-guitars/left-handed</c>).
    /// </summary>
    public string? LeftHandedCategoryUuid { get; set; }
}
