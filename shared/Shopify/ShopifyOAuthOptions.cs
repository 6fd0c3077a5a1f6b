namespace Marketplace.Shared.Shopify;

/// <summary>The app's OAuth settings (Partner Dashboard / app configuration). The secret is never logged.</summary>
public sealed class ShopifyOAuthOptions
{
    /// <summary>The app's client id (API key).</summary>
    public required string ClientId { get; init; }

    /// <summary>The app's client secret: signs OAuth callbacks and webhooks.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Access scopes requested at install.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["read_products", "write_products", "read_inventory", "write_inventory", "read_orders", "read_locations"];

    /// <summary>Where Shopify redirects after the merchant approves (must be allow-listed in the app config).</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>Where webhooks are delivered (the host's Shopify webhook route).</summary>
    public required Uri WebhookUri { get; init; }

    /// <summary>Overrides <c>https://{shop}</c> for OAuth and API calls (the sandbox).</summary>
    public Func<string, Uri>? BaseAddressForShop { get; init; }

    /// <summary>How old a callback's <c>timestamp</c> may be (default 1 hour).</summary>
    public TimeSpan CallbackMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Clock for callback age checks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal Uri BaseAddress(string shop) => BaseAddressForShop?.Invoke(shop) ?? new Uri($"https://{shop}/");

    public override string ToString() => $"Shopify OAuth app {ClientId} -> {RedirectUri}";
}

/// <summary>The start of an install: send the merchant to <paramref name="AuthorizeUrl"/>, keep <paramref name="State"/> (e.g. in a cookie).</summary>
public sealed record ShopifyInstallRequest(Uri AuthorizeUrl, string State);

/// <summary>A connected shop.</summary>
/// <param name="ShopDomain">The shop.</param>
/// <param name="Scopes">Scopes granted.</param>
/// <param name="WebhookSubscriptionIds">Subscriptions registered.</param>
public sealed record ShopifyConnection(string ShopDomain, IReadOnlyList<string> Scopes, IReadOnlyList<string> WebhookSubscriptionIds);
