namespace Marketplace.Shared.Shopware.App;

/// <summary>
/// Our Shopware app (section <c>Shopware</c>, keys <c>AppName</c> and <c>AppSecret</c>): the name in its
/// <c>manifest.xml</c> and the app secret that signs a shop's registration request. Without the secret the app routes
/// answer 503 and order webhooks are refused (orders come in by polling).
/// </summary>
public sealed class ShopwareAppOptions
{
    /// <summary>The manifest's <c>&lt;meta&gt;&lt;name&gt;</c>; part of the registration proof.</summary>
    public string AppName { get; set; } = "MarketplaceSync";

    /// <summary>The app secret (the Shopware Account's for a store app, or the manifest's <c>&lt;setup&gt;&lt;secret&gt;</c> in development). Secret.</summary>
    public string? AppSecret { get; set; }

    /// <summary>How old a registration request or confirmation may be (its <c>timestamp</c>; default 5 minutes).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when <see cref="AppSecret"/> is set.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(AppSecret);
}
