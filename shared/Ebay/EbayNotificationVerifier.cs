using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// Verifies the <c>X-EBAY-SIGNATURE</c> header of Notification API pushes as eBay's event-notification SDKs do:
/// the header is base64 JSON <c>{alg, kid, signature, digest}</c>; the public key for <c>kid</c> comes from
/// <c>getPublicKey</c> (cached by <see cref="EbayClient"/>); the signature is ECDSA (DER) over the message JSON with
/// the named digest. The raw body is checked first, then its compact re-serialization (what the SDKs sign over).
/// </summary>
public sealed class EbayNotificationVerifier(EbayClient client)
{
    /// <summary>True only when the header is well formed, the key is known and the signature matches the body.</summary>
    public async Task<bool> VerifyAsync(ReadOnlyMemory<byte> body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        var header = DecodeHeader(signatureHeader);
        if (header is null)
        {
            return false;
        }

        var key = await client.GetPublicKeyAsync(header.Kid!, cancellationToken);
        if (key is null || !string.Equals(key.Algorithm, "ECDSA", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hash = (header.Digest ?? key.Digest)?.ToUpperInvariant() switch
        {
            "SHA1" => HashAlgorithmName.SHA1,
            "SHA256" => HashAlgorithmName.SHA256,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is null)
        {
            return false;
        }

        return Verify(key.Key, body.Span, header.Signature!, hash.Value);
    }

    internal static bool Verify(string pemKey, ReadOnlySpan<byte> body, string signatureBase64, HashAlgorithmName hash)
    {
        byte[] signature;
        byte[] spki;
        try
        {
            signature = Convert.FromBase64String(signatureBase64);
            var base64 = pemKey.Replace("-----BEGIN PUBLIC KEY-----", string.Empty, StringComparison.Ordinal)
                .Replace("-----END PUBLIC KEY-----", string.Empty, StringComparison.Ordinal)
                .Replace("\n", string.Empty, StringComparison.Ordinal)
                .Replace("\r", string.Empty, StringComparison.Ordinal)
                .Trim();
            spki = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (ecdsa.VerifyData(body, signature, hash, DSASignatureFormat.Rfc3279DerSequence))
        {
            return true;
        }

        var compact = Compact(body);
        return compact is not null && ecdsa.VerifyData(compact, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    internal static SignatureHeader? DecodeHeader(string? signatureHeader)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(signatureHeader.Trim()));
            var header = JsonSerializer.Deserialize<SignatureHeader>(json);
            return header is { Kid.Length: > 0, Signature.Length: > 0 } ? header : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[]? Compact(ReadOnlySpan<byte> body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return node is null ? null : Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record SignatureHeader(
        [property: JsonPropertyName("alg")] string? Alg,
        [property: JsonPropertyName("kid")] string? Kid,
        [property: JsonPropertyName("signature")] string? Signature,
        [property: JsonPropertyName("digest")] string? Digest);
}
