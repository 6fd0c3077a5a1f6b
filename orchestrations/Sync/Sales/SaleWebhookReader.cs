using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.Shared.Shopware;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>A stored webhook that can never become sale events (unreadable, forged, not this shop's order): dead-letter it.</summary>
public sealed class SaleWebhookException(string message) : Exception(message);

/// <summary>
/// Turns a verified webhook into sale events. Shopify order bodies (<see cref="ShopifyOrderWebhook.Topics"/>) are read
/// directly (the HMAC proved them) with the order's status rules, but only for the connected shop: another shop's order
/// (the app secret is shared by every shop of the app) is recorded in the audit trail and gives no events. eBay
/// notifications are verified with eBay's public key and the order is fetched; Reverb and Shopware app bodies only name an
/// order, which is fetched (Reverb with the token of the account whose webhook route took it). Other topics give no events. Unreadable or unconfirmable webhooks throw
/// <see cref="SaleWebhookException"/>; platform outages throw their own exceptions (retry later).
/// </summary>
public sealed class SaleWebhookReader(IServiceProvider services)
{
    /// <summary>The sale events of one webhook; <paramref name="header"/> reads its headers case-insensitively.</summary>
    public async Task<IReadOnlyList<SaleEvent>> ReadAsync(string platform, Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        switch (platform.ToLowerInvariant())
        {
            case MarketplacePlatform.Shopify:
                var topic = header(ShopifyWebhookHeaders.TopicHeader);
                if (topic is null || !ShopifyOrderWebhook.Topics.Contains(topic))
                {
                    return [];
                }

                var shop = header(ShopifyWebhookHeaders.ShopDomainHeader) ?? string.Empty;
                if (services.GetService<ShopifyClient>() is not { } client || !string.Equals(client.Options.ShopDomain, shop, StringComparison.OrdinalIgnoreCase))
                {
                    await IgnoreForeignShopAsync(shop, topic, header(ShopifyWebhookHeaders.WebhookIdHeader), cancellationToken);
                    return [];
                }

                return ReadShopifyOrder(body);
            case MarketplacePlatform.Ebay:
                var ebay = services.GetService<EbayNotificationHandler>() ?? throw new SaleWebhookException("eBay is not configured (section Ebay).");
                var notification = await ebay.HandleAsync(body, header("X-EBAY-SIGNATURE"), cancellationToken);
                return notification.Accepted ? notification.Sales : throw new SaleWebhookException($"eBay notification rejected: {notification.Rejection}");
            case MarketplacePlatform.Reverb:
                var reverbClient = ReverbClientFor(header(ReverbWebhookHandler.AccountHeader));
                var reverb = await new ReverbWebhookHandler(reverbClient).HandleAsync(reverbClient.Options.WebhookSecret, body, cancellationToken);
                return reverb.Accepted ? reverb.Sales : throw new SaleWebhookException($"Reverb webhook rejected: {reverb.Rejection}");
            case MarketplacePlatform.Shopware:
                var shopware = services.GetService<ShopwareClient>() ?? throw new SaleWebhookException("Shopware is not configured (section Shopware).");
                var order = await new ShopwareWebhookHandler(shopware).HandleAsync(body, cancellationToken);
                return order.Accepted ? order.Sales : throw new SaleWebhookException($"Shopware webhook rejected: {order.Rejection}");
            default:
                return [];
        }
    }

    // The account the webhook route recognised by its secret (the header is set by the route, never taken from the caller).
    private ReverbClient ReverbClientFor(string? account)
    {
        if (services.GetService<ReverbAccounts>() is { } accounts)
        {
            return accounts.TryGet(account, out var named) ? named.Client : throw new SaleWebhookException($"Reverb account '{account}' is not configured.");
        }

        return services.GetService<ReverbClient>() ?? throw new SaleWebhookException("Reverb is not configured (section Reverb).");
    }

    /// <summary>The audit key of shop-level events (connect, uninstall, compliance, foreign-shop deliveries).</summary>
    public static string ShopAuditKey(string shop) => "shop:" + shop.ToLowerInvariant();

    internal static IReadOnlyList<SaleEvent> ReadShopifyOrder(ReadOnlyMemory<byte> body)
    {
        try
        {
            return ShopifyOrderWebhook.ToSaleEvents(body);
        }
        catch (ShopifyException ex)
        {
            throw new SaleWebhookException(ex.Message);
        }
    }

    private Task IgnoreForeignShopAsync(string shop, string topic, string? webhookId, CancellationToken cancellationToken) =>
        services.GetRequiredService<AuditLog>().RecordAsync(ShopAuditKey(shop.Length == 0 ? "(none)" : shop), CatalogActor.Create("shopify-webhook", webhookId ?? "unknown"),
            "webhook.foreign-shop", AuditOutcome.Failure, Platform.Shopify,
            $"{topic} {webhookId} for a shop that is not connected: ignored, no stock changed", cancellationToken);
}
