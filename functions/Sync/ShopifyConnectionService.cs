using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// Connecting and disconnecting shops from the functions app: the OAuth install (nonce stored durably in
/// <see cref="ShopifyStateStore"/>, consumed once), the callback (HMAC, nonce, shop, code exchange, token in the
/// <see cref="ISecretStore"/>, webhooks registered) and disconnect. Each step is audited under the shop's key and
/// drops the cached token of the configured shop's client. OAuth needs <c>Shopify:ClientId</c>, <c>Shopify:ClientSecret</c>
/// and <c>Shopify:AppUrl</c> (the app's public base URL); without them only <see cref="ForgetTokenAsync"/> works.
/// </summary>
internal sealed class ShopifyConnectionService(
    ShopifyOAuthOptions? options, ISecretStore secrets, ShopifyStateStore state, AuditLog audit, TimeProvider time, IServiceProvider services) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The answer of the OAuth routes when OAuth is not configured.</summary>
    public static IResult NotConfigured { get; } = Http.FunctionResults.Problem(
        StatusCodes.Status503ServiceUnavailable, "Shopify OAuth is not configured (Shopify:ClientId, Shopify:ClientSecret, Shopify:AppUrl).");

    public bool IsConfigured => options is not null;

    /// <summary>Issues a nonce for <paramref name="shop"/>, stores it, and returns where to send the merchant.</summary>
    /// <exception cref="ShopifyException">The shop name is not a myshopify.com domain.</exception>
    public async Task<ShopifyInstallRequest> StartInstallAsync(string shop, CancellationToken cancellationToken)
    {
        var install = OAuth().CreateInstallRequest(shop);
        await state.SaveOAuthStateAsync(new ShopifyOAuthState(install.State, shop.ToLowerInvariant(), time.GetUtcNow()), cancellationToken);
        return install;
    }

    /// <summary>Completes an install from the callback query; the nonce is consumed whatever the outcome.</summary>
    /// <exception cref="ShopifyException">HMAC, nonce, shop or timestamp wrong, or the code exchange failed.</exception>
    public async Task<ShopifyConnection> CompleteInstallAsync(IReadOnlyDictionary<string, string> query, CatalogActor actor, CancellationToken cancellationToken)
    {
        var oauth = OAuth();
        if (!oauth.VerifyCallbackHmac(query))
        {
            throw new ShopifyException("Shopify OAuth callback HMAC is missing or wrong.");
        }

        var pending = await state.TakeOAuthStateAsync(query.GetValueOrDefault("state") ?? string.Empty, cancellationToken);
        if (pending is null || time.GetUtcNow() - pending.CreatedAt > options!.CallbackMaxAge)
        {
            throw new ShopifyException("Shopify OAuth callback state was not issued by this app, was already used, or expired.");
        }

        if (!string.Equals(pending.Shop, query.GetValueOrDefault("shop"), StringComparison.OrdinalIgnoreCase))
        {
            throw new ShopifyException($"Shopify OAuth callback names another shop than the install started for ({pending.Shop}).");
        }

        var connection = await oauth.CompleteAsync(query, pending.State, cancellationToken);
        services.GetService<ShopifyAccessTokenSource>()?.Invalidate();
        await audit.RecordAsync(ShopifyWebhookHandler.ShopAuditKey(connection.ShopDomain), actor, "shopify.connect", AuditOutcome.Success, Platform.Shopify,
            $"scopes {string.Join(",", connection.Scopes)}; {connection.WebhookSubscriptionIds.Count} webhook subscriptions", cancellationToken);
        return connection;
    }

    /// <summary>Deletes the app's webhook subscriptions and the stored token of <paramref name="shop"/>. Safe to repeat.</summary>
    public async Task DisconnectAsync(string shop, CatalogActor actor, CancellationToken cancellationToken)
    {
        await OAuth().DisconnectAsync(shop, tokenStillValid: true, cancellationToken);
        services.GetService<ShopifyAccessTokenSource>()?.Invalidate();
        await audit.RecordAsync(ShopifyWebhookHandler.ShopAuditKey(shop), actor, "shopify.disconnect", AuditOutcome.Success, Platform.Shopify,
            "webhook subscriptions deleted, token removed from the secret store", cancellationToken);
    }

    /// <summary>Removes the stored token after Shopify revoked it (app/uninstalled); null when done, else why it could not be removed.</summary>
    public async Task<string?> ForgetTokenAsync(string shop, CancellationToken cancellationToken)
    {
        services.GetService<ShopifyAccessTokenSource>()?.Invalidate();
        try
        {
            await secrets.DeleteSecretAsync(ShopifyClientOptions.AccessTokenSecretName(shop), cancellationToken);
            return null;
        }
        catch (NotSupportedException ex)
        {
            // A read-only store (configuration): Shopify has revoked the token already; the operator must remove the setting.
            return ex.Message;
        }
    }

    public void Dispose() => _http.Dispose();

    private ShopifyOAuth OAuth() => options is null
        ? throw new ShopifyException("Shopify OAuth is not configured (Shopify:ClientId, Shopify:ClientSecret, Shopify:AppUrl).")
        : new ShopifyOAuth(options, secrets, _http);
}
