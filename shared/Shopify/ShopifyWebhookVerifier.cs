using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// Verifies <c>X-Shopify-Hmac-Sha256</c>: the base64 HMAC-SHA256 of the raw request body keyed with the app's client
/// secret, compared in constant time. Verify the raw bytes as received (before any JSON parsing or re-encoding).
/// </summary>
public sealed class ShopifyWebhookVerifier
{
    /// <summary>The signature header.</summary>
    public const string HmacHeader = "X-Shopify-Hmac-Sha256";

    private readonly byte[] _secret;

    /// <summary>Creates a verifier for the app's client secret (never logged).</summary>
    public ShopifyWebhookVerifier(string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        _secret = Encoding.UTF8.GetBytes(appSecret);
    }

    /// <summary>The platform this verifier serves (for a per-platform verifier registry).</summary>
    public string Platform => Marketplaces.MarketplacePlatform.Shopify;

    /// <summary>True when the headers carry a valid signature of <paramref name="body"/>; header names are matched case-insensitively.</summary>
    public bool Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signature = ShopifyWebhookHeaders.Find(headers, HmacHeader);
        return signature is not null && Verify(body, signature);
    }

    /// <summary>True when <paramref name="base64Signature"/> is the HMAC of <paramref name="body"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> body, string base64Signature)
    {
        Span<byte> given = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64Signature.Trim(), given, out var written) || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..32]);
    }

    /// <summary>The header value a sender puts on <paramref name="body"/> (sandbox, tests).</summary>
    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(_secret, body));
}
