using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopware.App;

namespace Marketplace.Functions.Shopware;

/// <summary>
/// Shopware app webhooks: <c>shopware-shop-signature</c> is the hex HMAC-SHA256 of the body with the secret our app gave the
/// shop named by <c>source.shopId</c> at registration. A shop that never registered (or a wrong signature) is refused, so
/// the delivery is dead-lettered and audited by <see cref="WebhookFunction"/>.
/// </summary>
internal sealed class ShopwareWebhookVerifier(ShopwareAppRegistration registration) : IWebhookVerifier
{
    public string Platform => MarketplacePlatform.Shopware;

    public bool IsConfigured => registration.Options.IsConfigured;

    // The per-shop secret is read from the secret store: callers go through VerifyAsync.
    public WebhookVerification Verify(WebhookDelivery delivery) =>
        WebhookVerification.Invalid("Shopware webhooks are verified against the shop's secret in the secret store (VerifyAsync).");

    public async ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            return WebhookVerification.Verified(await registration.VerifyWebhookAsync(delivery.Body, delivery.Header(ShopwareAppRegistration.ShopSignatureHeader), cancellationToken));
        }
        catch (ShopwareAppAuthenticationException ex)
        {
            return WebhookVerification.Invalid(ex.Message);
        }
    }
}
