namespace Marketplace.TestSupport.Sync;

/// <summary>
/// Where the three sandboxes listen and the credentials they accept: everything a process needs to connect to
/// sandboxes that run in another process (serializable, so that a worker process can be given it). The Shopware
/// sandbox is optional (null: no Shopware connector).
/// </summary>
public sealed record SyncSandboxEndpoints(
    Uri ShopifyBaseAddress,
    string ShopDomain,
    string ShopToken,
    Uri EbayReverbBaseUrl,
    string EbayClientId,
    string EbayClientSecret,
    string EbayRefreshToken,
    string ReverbAccessToken,
    Uri? ShopwareBaseUrl = null,
    string? ShopwareClientId = null,
    string? ShopwareClientSecret = null,
    IReadOnlyDictionary<string, string>? ReverbShops = null);

/// <summary>How the connectors' own clients retry and wait.</summary>
public sealed record SyncConnectorSettings
{
    /// <summary>The webhook secret the Reverb client verifies with.</summary>
    public const string ReverbWebhookSecret = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";

    /// <summary>The webhook secret of the further Reverb accounts (<see cref="SyncSandboxEndpoints.ReverbShops"/>), by account key.</summary>
    public static string ReverbAccountWebhookSecret(string account) => "p7Lm2Qx9Rv4Tz8Wb1Nc6Hd3Jf5Kg0Ys-" + account;

    /// <summary>The further Reverb accounts' shipping profiles: the default shop's profile id to the account's.</summary>
    public static IReadOnlyDictionary<string, string> ReverbAccountShippingProfiles { get; } = new Dictionary<string, string> { ["4242"] = "5151" };

    /// <summary>Retries inside one connector call (0: every sandbox fault reaches the workflow); null keeps the clients' defaults.</summary>
    public int? Retries { get; init; }

    /// <summary>How long one eBay/Reverb attempt may take; null keeps the clients' default.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>How often the Shopify client polls a bulk operation.</summary>
    public TimeSpan BulkPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wraps each connector (for example to record what the platforms were sent); null: the connectors as they are.</summary>
    public Func<Marketplace.Shared.Marketplaces.IMarketplaceConnector, Marketplace.Shared.Marketplaces.IMarketplaceConnector>? Wrap { get; init; }
}
