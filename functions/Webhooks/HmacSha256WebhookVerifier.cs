using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Functions.Webhooks;

/// <summary>
/// A generic HMAC-SHA256 scheme: the signature header holds <c>{prefix}{hex or base64 of HMAC(secret, body)}</c>.
/// Used for test platforms and as the building block for platforms that sign this way.
/// </summary>
internal sealed class HmacSha256WebhookVerifier(string platform, string? secret, string signatureHeader, bool base64 = false, string prefix = "sha256=", string? eventIdHeader = null)
    : IWebhookVerifier
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret ?? string.Empty);

    public string Platform { get; } = platform.ToLowerInvariant();

    public bool IsConfigured => _key.Length > 0;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        if (!IsConfigured)
        {
            return WebhookVerification.Invalid($"No secret is configured for '{Platform}'.");
        }

        var header = delivery.Header(signatureHeader);
        if (string.IsNullOrEmpty(header))
        {
            return WebhookVerification.Invalid($"The '{signatureHeader}' header is missing.");
        }

        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerification.Malformed($"The '{signatureHeader}' header does not start with '{prefix}'.");
        }

        byte[] presented;
        try
        {
            presented = base64 ? Convert.FromBase64String(header[prefix.Length..]) : Convert.FromHexString(header[prefix.Length..]);
        }
        catch (FormatException)
        {
            return WebhookVerification.Malformed($"The '{signatureHeader}' header is not {(base64 ? "base64" : "hex")}.");
        }

        var expected = Sign(_key, delivery.Body.Span);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? WebhookVerification.Verified(eventIdHeader is null ? null : delivery.Header(eventIdHeader))
            : WebhookVerification.Invalid("The signature does not match the body.");
    }

    public static byte[] Sign(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body) => HMACSHA256.HashData(key, body);
}
