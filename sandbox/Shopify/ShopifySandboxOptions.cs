namespace Marketplace.Sandbox.Shopify;

/// <summary>Sandbox-wide settings (configuration section <c>Sandbox:Shopify</c>); per-shop limits and faults live on <see cref="SandboxShop"/>.</summary>
internal sealed class ShopifySandboxOptions
{
    /// <summary>The app's client id accepted by the OAuth endpoints.</summary>
    public string ClientId { get; set; } = "sandbox-client-id";

    /// <summary>The app's client secret: signs OAuth redirects and webhooks.</summary>
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>Default plan: points restored per second (Standard: 100).</summary>
    public double RestoreRate { get; set; } = 100;

    /// <summary>Default plan: bucket size in points (Standard: 1,000).</summary>
    public double BucketSize { get; set; } = 1000;

    /// <summary>Requested cost of every mutation (Shopify: 10).</summary>
    public int MutationCost { get; set; } = 10;

    /// <summary>Largest staged upload accepted (100 MB).</summary>
    public long StagedUploadLimitBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Concurrent bulk operations per shop from 2026-01 (5); older versions allow one per type.</summary>
    public int BulkConcurrencyLimit { get; set; } = 5;
}

/// <summary>Failures and latency injected into one shop's GraphQL requests, each at a rate in [0, 1].</summary>
internal sealed class ShopifySandboxFaults
{
    /// <summary>Share of requests answered 429 with Retry-After before processing.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>Share of requests answered 502/503 before processing.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests that hang for <see cref="TimeoutDelay"/> before processing, then fail 504.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>Share of requests processed (effects applied) whose response is then lost (503) — the retry-duplicate trap.</summary>
    public double LostResponseRate { get; set; }

    /// <summary>Share of webhook deliveries sent twice with the same X-Shopify-Webhook-Id (at-least-once delivery).</summary>
    public double WebhookDuplicateRate { get; set; }

    /// <summary>How long a bulk operation stays RUNNING before it starts producing output.</summary>
    public TimeSpan BulkDelay { get; set; }

    /// <summary>Added to every request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How long a timed-out request hangs (set above the client's attempt timeout).</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry-After seconds on injected 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Seed of the fault dice (deterministic runs).</summary>
    public int Seed { get; set; } = 17;
}
