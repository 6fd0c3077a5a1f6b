using System.Text;
using Marketplace.Functions.Webhooks;

namespace Marketplace.Functions.Tests.Support;

/// <summary>A test platform signing with HMAC-SHA256 (hex, <c>sha256=</c> prefix) in <c>X-Test-Signature</c>.</summary>
internal static class TestWebhooks
{
    public const string Platform = "testshop";
    public const string Header = "X-Test-Signature";
    public const string Secret = "webhook-secret-7f3a9c2e5b1d4f8a";

    public static IWebhookVerifier Verifier() => new HmacSha256WebhookVerifier(Platform, Secret, Header, eventIdHeader: "X-Test-Event-Id");

    public static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HmacSha256WebhookVerifier.Sign(Encoding.UTF8.GetBytes(Secret), body));

    public static HttpRequestMessage Request(byte[] body, string? signature, string platform = Platform)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{platform}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, signature);
        }

        return request;
    }
}
