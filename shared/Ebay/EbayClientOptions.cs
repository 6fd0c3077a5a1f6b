using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// Settings for <see cref="EbayClient"/>. Bound from configuration (section <c>Ebay</c>) and validated at start-up.
/// The client secret and refresh token are secrets: they are read from configuration or Key Vault and never logged.
/// Base URLs default to production; point them at <c>https://api.sandbox.ebay.com</c> (or a local sandbox) to test.
/// </summary>
public sealed class EbayClientOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ebay";

    /// <summary>The application's client id (App ID).</summary>
    [Required]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The application's client secret (Cert ID). Secret.</summary>
    [Required]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The seller's long-lived refresh token (user consent). Secret.</summary>
    [Required]
    public string RefreshToken { get; set; } = string.Empty;

    /// <summary>Scopes requested when minting the user token (must be a subset of the consented scopes).</summary>
    public IList<string> Scopes { get; } =
    [
        "https://api.ebay.com/oauth/api_scope/sell.inventory",
        "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
    ];

    /// <summary>Scope of the application token used for the Notification API public key.</summary>
    public string ApplicationScope { get; set; } = "https://api.ebay.com/oauth/api_scope";

    /// <summary>REST API root (production <c>https://api.ebay.com</c>, sandbox <c>https://api.sandbox.ebay.com</c>).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.ebay.com");

    /// <summary>OAuth root; the token endpoint is <c>{IdentityBaseUrl}/identity/v1/oauth2/token</c>.</summary>
    public Uri IdentityBaseUrl { get; set; } = new("https://api.ebay.com");

    /// <summary>The marketplace offers are created on (header <c>X-EBAY-C-MARKETPLACE-ID</c>, offer <c>marketplaceId</c>).</summary>
    public string MarketplaceId { get; set; } = "EBAY_DE";

    /// <summary>Content-Language sent with inventory item writes.</summary>
    public string ContentLanguage { get; set; } = "de-DE";

    /// <summary>Merchant location key offers ship from (required by eBay to publish).</summary>
    public string? MerchantLocationKey { get; set; }

    /// <summary>Business policy ids used when a draft does not name its own.</summary>
    public string? PaymentPolicyId { get; set; }

    /// <summary>Return policy id.</summary>
    public string? ReturnPolicyId { get; set; }

    /// <summary>Fulfillment (shipping) policy id used when the draft has no <c>ShippingProfileId</c>.</summary>
    public string? FulfillmentPolicyId { get; set; }

    /// <summary>
    /// How far before a sales poll's start its Post-Order return search reaches back (default 60 days, eBay's longest
    /// return window), since a return is found by when it was opened and completes later.
    /// </summary>
    public TimeSpan ReturnLookback { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A token is refreshed this long before it expires (default 5 minutes).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one HTTP attempt (default 30 s). A timed-out create is resolved by looking the SKU up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for 429 (short-window) and 5xx answers (default 4).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubled per retry with jitter (default 500 ms). A Retry-After hint wins.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many <c>bulk_update_price_quantity</c> batches are in flight at once (default 4).</summary>
    [Range(1, 16)]
    public int BulkConcurrency { get; set; } = 4;

    /// <summary>
    /// eBay's documented limit (Listing Management guide, "Revising listings"): regardless of the API used, an active
    /// listing can be revised at most 250 times per calendar day. Lower it to keep headroom for edits made elsewhere.
    /// </summary>
    [Range(1, 250)]
    public int MaxRevisionsPerListingPerDay { get; set; } = 250;

    /// <summary>
    /// Azure Table that shares the revision counts between instances (default <c>ebayrevisions</c>), used when the host
    /// registers a storage account; otherwise each process counts on its own.
    /// </summary>
    public string RevisionCounterTable { get; set; } = "ebayrevisions";

    /// <summary>Verification token entered with the account deletion endpoint in the developer portal (32-80 chars). Secret.</summary>
    public string? AccountDeletionVerificationToken { get; set; }

    /// <summary>The account deletion endpoint URL exactly as registered with eBay (part of the challenge hash).</summary>
    public string? AccountDeletionEndpoint { get; set; }

    /// <summary>How long a Notification API public key is cached (eBay recommends about one hour).</summary>
    public TimeSpan PublicKeyCacheDuration { get; set; } = TimeSpan.FromHours(1);
}
