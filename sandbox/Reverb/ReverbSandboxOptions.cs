using Marketplace.Sandbox.Ebay;

namespace Marketplace.Sandbox.Reverb;

/// <summary>Token the Reverb sandbox accepts, throttling signal, latency and faults (section <c>Sandbox:Reverb</c>).</summary>
public sealed class ReverbSandboxOptions
{
    public string AccessToken { get; set; } = "sandbox-reverb-token";

    /// <summary>Retry-After sent with injected 429s.</summary>
    public TimeSpan RateLimitRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where simulated sales POST the order webhook (the app's secret webhook URL), if anywhere. Unsigned, like Reverb's.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Further shops (separate Reverb accounts) by name, with their access tokens (<c>Sandbox:Reverb:Shops:{name}</c>);
    /// shop <c>b</c> exists by default.
    /// </summary>
    public Dictionary<string, string> Shops { get; } = new(StringComparer.Ordinal) { ["b"] = "sandbox-reverb-token-b" };

    /// <summary>Latency and fault injection on <c>/api</c> (every shop).</summary>
    public SandboxFaultOptions Faults { get; } = new();
}
