namespace Marketplace.Functions.Webhooks;

/// <summary>
/// Verifies one marketplace's webhook signature scheme over the exact bytes received. One per platform
/// (<see cref="Platform"/> is the <c>{platform}</c> route value, lower case); webhook routes are authenticated by
/// this and nothing else.
/// </summary>
internal interface IWebhookVerifier
{
    string Platform { get; }

    /// <summary>False when the platform's secret is not configured (reported by the health endpoint).</summary>
    bool IsConfigured { get; }

    WebhookVerification Verify(WebhookDelivery delivery);

    /// <summary>What callers use: <see cref="Verify"/> unless the scheme needs a look-up (a per-shop secret in the secret store).</summary>
    ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken) => ValueTask.FromResult(Verify(delivery));
}

/// <summary>A webhook as received: raw body bytes, headers (case-insensitive), when, and the id we gave it.</summary>
internal sealed record WebhookDelivery(string Id, string Platform, IReadOnlyDictionary<string, string[]> Headers, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;
}

internal enum WebhookVerificationOutcome
{
    /// <summary>Signature valid: store and acknowledge.</summary>
    Verified,

    /// <summary>Signature missing or wrong: 401, raw body dead-lettered.</summary>
    InvalidSignature,

    /// <summary>Cannot be verified at all (for example a required header is unreadable): 400, raw body dead-lettered.</summary>
    Malformed,
}

/// <summary>A verifier's verdict; <see cref="EventId"/> is the platform's delivery id when it sends one.</summary>
internal sealed record WebhookVerification(WebhookVerificationOutcome Outcome, string? Reason = null, string? EventId = null)
{
    public static WebhookVerification Verified(string? eventId = null) => new(WebhookVerificationOutcome.Verified, null, eventId);

    public static WebhookVerification Invalid(string reason) => new(WebhookVerificationOutcome.InvalidSignature, reason);

    public static WebhookVerification Malformed(string reason) => new(WebhookVerificationOutcome.Malformed, reason);
}
