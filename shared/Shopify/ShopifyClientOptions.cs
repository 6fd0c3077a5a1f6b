using Marketplace.Shared.Secrets;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// How to reach one shop's GraphQL Admin API. The access token comes from the secret store
/// (<see cref="FromSecretStoreAsync"/>) and is never logged or printed (<see cref="ToString"/> hides it).
/// </summary>
public sealed class ShopifyClientOptions
{
    /// <summary>The API version every request uses: the one place it is pinned.</summary>
    public const string DefaultApiVersion = "2026-10";

    /// <summary>The shop's permanent domain, e.g. <c>my-shop.myshopify.com</c>.</summary>
    public required string ShopDomain { get; init; }

    /// <summary>The offline access token (header <c>X-Shopify-Access-Token</c>); empty when <see cref="AccessTokenProvider"/> supplies it.</summary>
    public string AccessToken { get; init; } = string.Empty;

    /// <summary>
    /// Supplies the token per request when <see cref="AccessToken"/> is empty (e.g. <see cref="ShopifyAccessTokenSource"/>
    /// reading the secret store, so a reconnect or disconnect takes effect without a new client).
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; init; }

    /// <summary>Admin API version; defaults to <see cref="DefaultApiVersion"/>.</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Overrides <c>https://{ShopDomain}</c> (the sandbox on loopback in tests).</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Retries after throttling, 429, 5xx and timeouts (default 6).</summary>
    public int MaxRetryAttempts { get; init; } = 6;

    /// <summary>First backoff delay; doubles with jitter per attempt unless the server gives Retry-After (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Per-attempt timeout (default 30 s); a timed-out attempt is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest staged-upload file for bulk mutations (default 100 MB, Shopify's limit since 2026-01).</summary>
    public long BulkUploadLimitBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Bulk operations this app may run at once on the shop from API 2026-01 (default 5); older versions allow one.</summary>
    public int MaxConcurrentBulkOperations { get; init; } = 5;

    internal int BulkOperationSlots => string.CompareOrdinal(ApiVersion, "2026-01") >= 0 ? MaxConcurrentBulkOperations : 1;

    /// <summary>How often a bulk operation's status is polled when no finish webhook arrives first (default 2 s).</summary>
    public TimeSpan BulkPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The location whose inventory is managed; the shop's first location when null.</summary>
    public string? LocationId { get; init; }

    /// <summary>Clock for pacing, backoff and polling.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The GraphQL endpoint: <c>{base}/admin/api/{version}/graphql.json</c>.</summary>
    public Uri GraphQlEndpoint => new(BaseUri, $"admin/api/{ApiVersion}/graphql.json");

    internal Uri BaseUri => BaseAddress ?? new Uri($"https://{ShopDomain}/");

    /// <summary>The secret name the OAuth flow stores a shop's token under.</summary>
    public static string AccessTokenSecretName(string shopDomain) => SecretNames.Compose("shopify", shopDomain, "access-token");

    /// <summary>Builds options with the token read from the secret store.</summary>
    /// <exception cref="ShopifyException">No token is stored for the shop (the shop is not connected).</exception>
    public static async Task<ShopifyClientOptions> FromSecretStoreAsync(string shopDomain, ISecretStore secrets, Uri? baseAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var token = await secrets.GetSecretAsync(AccessTokenSecretName(shopDomain), cancellationToken)
            ?? throw new ShopifyException($"No Shopify access token is stored for shop '{shopDomain}' (secret '{AccessTokenSecretName(shopDomain)}'); connect the shop first.");
        return new ShopifyClientOptions { ShopDomain = shopDomain, AccessToken = token, BaseAddress = baseAddress };
    }

    /// <summary>
    /// Builds options from a configuration section (<c>ShopDomain</c> required; <c>BaseAddress</c>, <c>LocationId</c>,
    /// <c>ApiVersion</c> optional) with the token from the secret store. Keys: see <c>local.settings.sample.json</c>.
    /// </summary>
    /// <exception cref="ShopifyException">ShopDomain is missing or the shop has no stored token.</exception>
    public static async Task<ShopifyClientOptions> FromConfigurationAsync(IConfiguration section, ISecretStore secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        var shop = section["ShopDomain"] is { Length: > 0 } domain ? domain : throw new ShopifyException($"Configuration '{(section as IConfigurationSection)?.Path ?? "Shopify"}:ShopDomain' is missing.");
        var options = await FromSecretStoreAsync(shop, secrets, section["BaseAddress"] is { Length: > 0 } address ? new Uri(address) : null, cancellationToken);
        return new ShopifyClientOptions
        {
            ShopDomain = options.ShopDomain,
            AccessToken = options.AccessToken,
            BaseAddress = options.BaseAddress,
            ApiVersion = section["ApiVersion"] is { Length: > 0 } version ? version : DefaultApiVersion,
            LocationId = section["LocationId"] is { Length: > 0 } location ? location : null,
        };
    }

    /// <summary>
    /// Builds options from a configuration section (<c>ShopDomain</c> required; <c>BaseAddress</c>, <c>LocationId</c>,
    /// <c>ApiVersion</c> optional) whose token comes from <paramref name="tokens"/> on each request, so the options can be
    /// built at start-up before the shop is connected.
    /// </summary>
    /// <exception cref="ShopifyException">ShopDomain is missing or differs from the token source's shop.</exception>
    public static ShopifyClientOptions FromConfiguration(IConfiguration section, ShopifyAccessTokenSource tokens)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(tokens);
        var shop = section["ShopDomain"] is { Length: > 0 } domain ? domain : throw new ShopifyException($"Configuration '{(section as IConfigurationSection)?.Path ?? "Shopify"}:ShopDomain' is missing.");
        if (!string.Equals(shop, tokens.ShopDomain, StringComparison.OrdinalIgnoreCase))
        {
            throw new ShopifyException($"The token source is for shop '{tokens.ShopDomain}', the configuration names '{shop}'.");
        }

        return new ShopifyClientOptions
        {
            ShopDomain = shop,
            AccessTokenProvider = tokens.GetTokenAsync,
            BaseAddress = section["BaseAddress"] is { Length: > 0 } address ? new Uri(address) : null,
            ApiVersion = section["ApiVersion"] is { Length: > 0 } version ? version : DefaultApiVersion,
            LocationId = section["LocationId"] is { Length: > 0 } location ? location : null,
        };
    }

    /// <summary>Describes the target without the token.</summary>
    public override string ToString() => $"Shopify {ShopDomain} (API {ApiVersion}, {BaseUri})";
}
