using Marketplace.Functions.Webhooks;

namespace Marketplace.Functions.Sync;

/// <summary>
/// eBay pushes: the <c>X-EBAY-SIGNATURE</c> header must be present and base64 here; the ECDSA signature itself
/// needs eBay's public key (a network call), so it is checked when the queued delivery is read, and a forged
/// delivery is dead-lettered there without producing a sale.
/// </summary>
internal sealed class EbayWebhookVerifier(bool configured) : IWebhookVerifier
{
    public string Platform => "ebay";

    public bool IsConfigured => configured;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        if (!configured)
        {
            return WebhookVerification.Invalid("eBay is not configured (section Ebay).");
        }

        var header = delivery.Header("X-EBAY-SIGNATURE");
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookVerification.Invalid("The 'X-EBAY-SIGNATURE' header is missing.");
        }

        var buffer = new byte[header.Length];
        return Convert.TryFromBase64String(header.Trim(), buffer, out _)
            ? WebhookVerification.Verified()
            : WebhookVerification.Malformed("The 'X-EBAY-SIGNATURE' header is not base64.");
    }
}

/// <summary>
/// Reverb posts unsigned webhooks; they are accepted only on <c>webhooks/reverb/{secret}</c>
/// (<see cref="ReverbWebhookFunction"/>), so the plain platform route refuses them.
/// </summary>
internal sealed class ReverbWebhookVerifier(bool configured) : IWebhookVerifier
{
    public string Platform => "reverb";

    public bool IsConfigured => configured;

    public WebhookVerification Verify(WebhookDelivery delivery) =>
        WebhookVerification.Invalid("Reverb webhooks are accepted only on their secret path (webhooks/reverb/{secret}).");
}
