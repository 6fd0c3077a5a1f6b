using Marketplace.Sandbox.Ebay;

namespace Marketplace.Sandbox.Shopware;

/// <summary>Integration credentials, token lifetime, write-rate limit, latency and faults of the Shopware sandbox (section <c>Sandbox:Shopware</c>).</summary>
public sealed class ShopwareSandboxOptions
{
    /// <summary>Integration access key id the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "SWIASANDBOXKEY0000000000001";

    /// <summary>Integration secret access key the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "sandbox-shopware-secret-access-key";

    /// <summary>
    /// Secret of the app installed in the sandbox (a store app's secret, or its manifest's <c>&lt;setup&gt;&lt;secret&gt;</c>): signs
    /// the registration request. Order webhooks are signed with the shop secret the app returned; before an app is installed, with this one.
    /// </summary>
    public string AppSecret { get; set; } = "sandbox-shopware-app-secret";

    /// <summary>The shop's id in the app system (<c>shop-id</c> of the registration, <c>source.shopId</c> of webhooks).</summary>
    public string ShopId { get; set; } = "sAnDbOxShOp00001";

    /// <summary>Lifetime of an access token (Shopware's default: 10 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Write requests per second before 429 (0: unlimited); writes are sync, product POST/PATCH/DELETE and media uploads.</summary>
    public int WritesPerSecond { get; set; }

    /// <summary>Retry-After sent with 429s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Latency and fault injection on <c>/api</c> (token endpoint excluded).</summary>
    public SandboxFaultOptions Faults { get; } = new();
}
