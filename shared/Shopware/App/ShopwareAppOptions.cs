using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Shopware.App;

/// <summary>
/// Our Shopware app (section <c>Shopware</c>, keys <c>AppName</c>, <c>AppSecret</c> and <c>PublicBaseUrl</c>): the name in
/// its <c>manifest.xml</c>, the app secret that signs a shop's registration request and the public address the shop is
/// sent back to. Without the secret the app routes answer 503 and order webhooks are refused (orders come in by polling).
/// Validated at start-up.
/// </summary>
public sealed class ShopwareAppOptions : IValidatableObject
{
    /// <summary>The manifest's <c>&lt;meta&gt;&lt;name&gt;</c>; part of the registration proof.</summary>
    public string AppName { get; set; } = "MarketplaceSync";

    /// <summary>The app secret (the Shopware Account's for a store app, or the manifest's <c>&lt;setup&gt;&lt;secret&gt;</c> in development). Secret.</summary>
    public string? AppSecret { get; set; }

    /// <summary>How old a registration request or confirmation may be (its <c>timestamp</c>; default 5 minutes).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The app's public root as shops reach it, for example <c>https://marketplace.example</c> (a custom domain or front
    /// door), with a path base if the app is served under one (<c>https://example.com/marketplace</c>; a trailing slash
    /// makes no difference). The registration then answers with <c>confirmation_url</c>
    /// <c>{PublicBaseUrl}/api/shopware/app/confirm</c>. Unset (default): the scheme and host the registration request came
    /// in with, as a proxy's <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> give them. An absolute http or https URI
    /// without query or fragment.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>True when <see cref="AppSecret"/> is set.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(AppSecret);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            yield return new ValidationResult(
                $"Shopware__PublicBaseUrl '{url.OriginalString}' is not an absolute http or https URL without query (for example https://marketplace.example).",
                [nameof(PublicBaseUrl)]);
        }
    }
}
