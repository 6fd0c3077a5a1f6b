namespace Marketplace.Sandbox.Ebay;

/// <summary>Credentials the eBay sandbox accepts, token lifetime, limits, latency and faults (section <c>Sandbox:Ebay</c>).</summary>
public sealed class EbaySandboxOptions
{
    public string ClientId { get; set; } = "sandbox-client-id";

    public string ClientSecret { get; set; } = "sandbox-client-secret";

    public string RefreshToken { get; set; } = "sandbox-refresh-token";

    /// <summary>Lifetime of minted access tokens (eBay: 7200 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>API calls allowed per Pacific calendar day before 429 without Retry-After (null: unlimited).</summary>
    public int? DailyCallLimit { get; set; }

    /// <summary>Revisions per listing per day (eBay: 250).</summary>
    public int RevisionsPerListingPerDay { get; set; } = 250;

    /// <summary>Retry-After sent with short-window throttling (injected 429s).</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where simulated sales push their signed notification (the app's eBay notification endpoint), if anywhere.</summary>
    public Uri? NotificationDestination { get; set; }

    /// <summary>Latency and fault injection on the REST APIs (not on the token endpoint).</summary>
    public SandboxFaultOptions Faults { get; } = new();
}
