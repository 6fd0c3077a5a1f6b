using Marketplace.Shared.Secrets;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// A shop's access token read from the <see cref="ISecretStore"/> (secret <see cref="ShopifyClientOptions.AccessTokenSecretName"/>)
/// and cached for <see cref="CacheDuration"/>, so a client built once per shop follows connect and disconnect:
/// <see cref="Invalidate"/> drops the cached value at once (the OAuth routes call it), other instances see the change
/// within the cache duration. Thread-safe. The token is never logged.
/// </summary>
public sealed class ShopifyAccessTokenSource(string shopDomain, ISecretStore secrets, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private (string Token, DateTimeOffset Until)? _cached;

    /// <summary>How long a read token is reused (default 5 minutes).</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The shop whose token this is.</summary>
    public string ShopDomain => shopDomain;

    /// <summary>The token (cached).</summary>
    /// <exception cref="ShopifyException">No token is stored: the shop is not connected.</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_cached is { } cached && cached.Until > now)
        {
            return cached.Token;
        }

        var name = ShopifyClientOptions.AccessTokenSecretName(shopDomain);
        var token = await secrets.GetSecretAsync(name, cancellationToken)
            ?? throw new ShopifyException($"No Shopify access token is stored for shop '{shopDomain}' (secret '{name}'); connect the shop first.");
        _cached = (token, now + CacheDuration);
        return token;
    }

    /// <summary>Forgets the cached token (after a connect, disconnect or uninstall).</summary>
    public void Invalidate() => _cached = null;
}
