namespace Marketplace.Sandbox.Discogs;

/// <summary>The token and seller the Discogs sandbox accepts and its rate limit (section <c>Sandbox:Discogs</c>).</summary>
public sealed class DiscogsSandboxOptions
{
    public string Token { get; set; } = "sandbox-discogs-token";

    /// <summary>The seller the token belongs to (<c>/oauth/identity</c>, <c>/users/{username}/inventory</c>).</summary>
    public string Username { get; set; } = "sandbox-records";

    /// <summary>Authenticated requests per <see cref="RateLimitWindow"/> (Discogs: 60 per moving minute).</summary>
    public int RateLimit { get; set; } = 60;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The seller's currency (listing prices, price suggestions).</summary>
    public string Currency { get; set; } = "GBP";
}
