using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Shopware;

/// <summary>What the Shopware integration may do: the staged rollout of the seed's guide (read-only search, then stock, then writes).</summary>
public enum ShopwareRolloutMode
{
    /// <summary>Nothing: the connector is not registered and refuses every call.</summary>
    Off,

    /// <summary>Reads only: product search, listings, orders.</summary>
    SearchOnly,

    /// <summary>Reads and stock: quantities, and stock 0 for a sold one-off; no product creates or edits.</summary>
    StockOnly,

    /// <summary>Everything: products, prices, media, visibility, stock.</summary>
    Full,
}

/// <summary>How a sold one-off is taken off the storefront.</summary>
public enum ShopwareEndMode
{
    /// <summary>Stock 0 (the product stays visible as sold out, if the shop shows those).</summary>
    ZeroStock,

    /// <summary><c>active: false</c> and stock 0.</summary>
    Deactivate,
}

/// <summary>
/// Settings for <see cref="ShopwareClient"/> and <see cref="ShopwareConnector"/> (section <c>Shopware</c>), validated at
/// start-up. The integration's access key id and secret are secrets: from configuration or Key Vault, never logged.
/// </summary>
public sealed class ShopwareClientOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Shopware";

    /// <summary>The shop's root (the Admin API is under <c>/api</c>), for example <c>https://shop.example</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>Integration access key id (Settings, System, Integrations), the OAuth <c>client_id</c>; required unless <see cref="AppShopId"/> is set.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Integration secret access key, the OAuth <c>client_secret</c>; required unless <see cref="AppShopId"/> is set. Secret.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// The shop id under which our Shopware app was registered: the client then authenticates with the integration keys
    /// the shop handed over in the registration (read from the secret store when a token is needed) instead of
    /// <see cref="ClientId"/> and <see cref="ClientSecret"/>.
    /// </summary>
    public string? AppShopId { get; set; }

    /// <summary>Rollout stage (default <see cref="ShopwareRolloutMode.Off"/>: configured credentials alone change nothing).</summary>
    public ShopwareRolloutMode Mode { get; set; } = ShopwareRolloutMode.Off;

    /// <summary>Sales channel the products are made visible in (32 hex characters); none: no visibility is written.</summary>
    public string? SalesChannelId { get; set; }

    /// <summary>
    /// Category under which category paths from the catalog's mapping (<c>Instruments &gt; Basses</c>) are found or created,
    /// usually the sales channel's navigation root (32 hex characters); none: paths start at the tree's roots.
    /// </summary>
    public string? RootCategoryId { get; set; }

    /// <summary>Currency id of the prices (Shopware's default EUR currency id unless the shop differs).</summary>
    [Required]
    public string CurrencyId { get; set; } = "b7d2554b0ce847cd82f3ac9bd1c0dfca";

    /// <summary>ISO 4217 code of <see cref="CurrencyId"/> (how prices read back are labelled).</summary>
    [Required]
    public string CurrencyCode { get; set; } = "EUR";

    /// <summary>Tax id products are created with.</summary>
    [Required]
    public string TaxId { get; set; } = string.Empty;

    /// <summary>Rate of <see cref="TaxId"/> in percent: catalog prices are gross, Shopware also wants net.</summary>
    [Range(0, 100)]
    public decimal TaxRate { get; set; } = 19m;

    /// <summary>How a sold one-off ends (default stock 0).</summary>
    public ShopwareEndMode EndMode { get; set; } = ShopwareEndMode.ZeroStock;

    /// <summary>
    /// <c>indexing-behavior</c> header of <c>_action/sync</c>: <c>use-queue-indexing</c> (default: the shop indexes in its
    /// message queue), <c>disable-indexing</c>, or empty for synchronous indexing.
    /// </summary>
    public string? IndexingBehavior { get; set; } = "use-queue-indexing";

    /// <summary>Shops before 6.5 only: send <c>single-operation: 1</c> so a sync request is one transaction (6.5 and later always are).</summary>
    public bool SingleOperation { get; set; }

    /// <summary>Stock updates per <c>_action/sync</c> request (default 500).</summary>
    [Range(1, 5000)]
    public int SyncBatchSize { get; set; } = 500;

    /// <summary>Rows per search page (default 100; at most 500).</summary>
    [Range(1, 500)]
    public int PageSize { get; set; } = 100;

    /// <summary>The token is renewed this long before Shopware says it expires (default 30 s).</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one HTTP attempt (default 30 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries for 429 (honouring Retry-After), 5xx and timeouts (default 4); never for validation errors.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay, doubled per retry with jitter (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AppShopId) && (string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret)))
        {
            yield return new ValidationResult("Shopware:ClientId and Shopware:ClientSecret are required unless Shopware:AppShopId names a registered shop.",
                [nameof(ClientId), nameof(ClientSecret)]);
        }
    }
}
