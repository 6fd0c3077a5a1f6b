using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;
using Marketplace.Sandbox.Shopify;
using Marketplace.Sandbox.Shopware;
using Marketplace.Shared.Catalog;

namespace Marketplace.TestSupport.Sync;

/// <summary>
/// The Shopify sandbox (with one provisioned shop) and the eBay/Reverb sandbox, each on a free loopback port of this
/// process (and, when asked for, the Shopware sandbox), with fault injection and buyer checkouts. Their state lives here, so it survives a killed worker process.
/// </summary>
internal sealed class SyncSandboxes : IAsyncDisposable
{
    private SyncSandboxes(ShopifySandboxServer shopify, EbayReverbSandboxServer ebayReverb)
    {
        Shopify = shopify;
        EbayReverb = ebayReverb;
    }

    public ShopifySandboxServer Shopify { get; }

    public SandboxShop Shop { get; private set; } = null!;

    public string ShopToken { get; private set; } = null!;

    public EbayReverbSandboxServer EbayReverb { get; }

    /// <summary>The Shopware sandbox, when started with it.</summary>
    public ShopwareSandboxServer? Shopware { get; private set; }

    public SyncSandboxEndpoints Endpoints { get; private set; } = null!;

    public static async Task<SyncSandboxes> StartAsync(bool shopware = false)
    {
        var sandboxes = new SyncSandboxes(await ShopifySandboxServer.StartAsync(), await EbayReverbSandboxServer.StartAsync(quiet: true));
        var domain = $"sync{Guid.NewGuid():N}"[..16] + ".myshopify.com";
        (sandboxes.Shop, sandboxes.ShopToken) = sandboxes.Shopify.Sandbox.ProvisionShop(domain);
        var server = sandboxes.EbayReverb;
        sandboxes.Shopware = shopware ? await ShopwareSandboxServer.StartAsync() : null;
        var options = sandboxes.Shopware?.State.Options;
        sandboxes.Endpoints = new SyncSandboxEndpoints(sandboxes.Shopify.BaseAddress, domain, sandboxes.ShopToken, server.BaseUrl,
            server.Ebay.Options.ClientId, server.Ebay.Options.ClientSecret, server.Ebay.Options.RefreshToken, server.Reverb.Options.AccessToken,
            sandboxes.Shopware?.BaseUrl, options?.ClientId, options?.ClientSecret);
        return sandboxes;
    }

    private IEnumerable<Sandbox.Ebay.SandboxFaultOptions> FaultOptions =>
        new[] { EbayReverb.Ebay.Options.Faults, EbayReverb.Reverb.Options.Faults }.Concat(Shopware is null ? [] : [Shopware.State.Options.Faults]);

    /// <summary>Every platform call takes between <paramref name="min"/> and <paramref name="max"/> (Shopify: <paramref name="min"/>).</summary>
    public void SetLatency(TimeSpan min, TimeSpan max)
    {
        foreach (var faults in FaultOptions)
        {
            faults.MinLatency = min;
            faults.MaxLatency = max;
        }

        Shop.Faults = new ShopifySandboxFaults { Latency = min };
    }

    /// <summary>About <paramref name="rate"/> of platform calls fail with 429, 5xx or a timeout (Shopify also loses responses after applying them).</summary>
    public void InjectFaults(double rate)
    {
        foreach (var faults in FaultOptions)
        {
            faults.FaultRate = rate;
            faults.MinLatency = TimeSpan.Zero;
            faults.MaxLatency = TimeSpan.FromMilliseconds(5);
            faults.TimeoutDelay = TimeSpan.FromSeconds(3);
        }

        Shop.Faults = new ShopifySandboxFaults
        {
            TooManyRequestsRate = rate / 3, ServerErrorRate = rate / 3, LostResponseRate = rate / 3,
        };
    }

    /// <summary>
    /// A buyer checks out one unit of <paramref name="sku"/> on <paramref name="platform"/> (the sandbox takes its
    /// stock); returns the webhook the platform sends for it.
    /// </summary>
    public async Task<SandboxWebhook> BuyAsync(Platform platform, string sku, decimal price, CancellationToken cancellationToken = default)
    {
        switch (platform)
        {
            case Platform.Shopify:
                using (var http = new HttpClient { BaseAddress = Shopify.BaseAddress })
                using (var request = new HttpRequestMessage(HttpMethod.Post, "shopify-sandbox/orders"))
                {
                    request.Headers.Add("X-Shopify-Access-Token", ShopToken);
                    request.Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } } });
                    using var response = await http.SendAsync(request, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return new SandboxWebhook(platform, await response.Content.ReadAsByteArrayAsync(cancellationToken), null, Shop.Domain);
                }

            case Platform.Ebay:
                var order = EbayReverb.Ebay.CreateOrder([(sku, 1, price)]);
                var (body, signature) = EbayReverb.Ebay.CreateOrderConfirmation(order["orderId"]!.GetValue<string>());
                return new SandboxWebhook(platform, body, signature);
            case Platform.Shopware:
                var shopware = (Shopware ?? throw new InvalidOperationException("Started without the Shopware sandbox.")).State;
                var (shopwareBody, shopwareSignature) = shopware.AppWebhook(shopware.CreateOrder(sku, 1));
                return new SandboxWebhook(platform, shopwareBody, shopwareSignature);
            default:
                var reverbOrder = EbayReverb.Reverb.CreateOrder(sku, 1);
                return new SandboxWebhook(platform, System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["order_number"] = reverbOrder["order_number"]!.DeepClone() }.ToJsonString()), null);
        }
    }

    /// <summary>
    /// The merchant cancels the order of <paramref name="purchase"/> on its platform (Shopify restocks; eBay and Reverb
    /// record the cancellation; Shopware restocks); returns the webhook the platform sends for it (Shopify <c>orders/cancelled</c>, eBay a
    /// signed order notification, Reverb the order number; the app reads the cancelled order from each).
    /// </summary>
    public async Task<SandboxWebhook> CancelAsync(SandboxWebhook purchase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var body = JsonNode.Parse(purchase.Body)!;
        switch (purchase.Platform)
        {
            case Platform.Shopify:
                using (var http = new HttpClient { BaseAddress = Shopify.BaseAddress })
                using (var request = new HttpRequestMessage(HttpMethod.Post, $"shopify-sandbox/orders/{body["id"]!.GetValue<long>()}/cancel"))
                {
                    request.Headers.Add("X-Shopify-Access-Token", ShopToken);
                    request.Content = JsonContent.Create(new { restock = true });
                    using var response = await http.SendAsync(request, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return new SandboxWebhook(Platform.Shopify, await response.Content.ReadAsByteArrayAsync(cancellationToken), null, Shop.Domain, "orders/cancelled");
                }

            case Platform.Ebay:
                var orderId = body["notification"]!["data"]!["orderId"]!.GetValue<string>();
                EbayReverb.Ebay.CancelOrder(orderId);
                var (notification, signature) = EbayReverb.Ebay.CreateOrderConfirmation(orderId);
                return new SandboxWebhook(Platform.Ebay, notification, signature);
            case Platform.Shopware:
                var shopware = (Shopware ?? throw new InvalidOperationException("Started without the Shopware sandbox.")).State;
                var cancelled = shopware.CancelOrder(body["data"]!["payload"]!["order"]!["id"]!.GetValue<string>())!;
                var (shopwareBody, shopwareSignature) = shopware.AppWebhook(cancelled, "state_enter.order.state.cancelled");
                return new SandboxWebhook(Platform.Shopware, shopwareBody, shopwareSignature);
            default:
                EbayReverb.Reverb.SetOrderStatus(body["order_number"]!.GetValue<string>(), "cancelled");
                return purchase;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Shopify.DisposeAsync();
        await EbayReverb.DisposeAsync();
        if (Shopware is not null)
        {
            await Shopware.DisposeAsync();
        }
    }
}

/// <summary>A platform's sale webhook: body and signature (eBay), with the headers a webhook reader asks for.</summary>
internal sealed record SandboxWebhook(Platform Platform, byte[] Body, string? Signature, string? ShopDomain = null, string ShopifyTopic = "orders/create")
{
    /// <summary>The header value the platform sends under <paramref name="name"/> (topic for Shopify, signature for eBay).</summary>
    public string? Header(string name) => Platform switch
    {
        Platform.Shopify when name == "X-Shopify-Topic" => ShopifyTopic,
        Platform.Shopify when name == "X-Shopify-Shop-Domain" => ShopDomain,
        Platform.Ebay when name == "X-EBAY-SIGNATURE" => Signature,
        Platform.Shopware when name == "shopware-shop-signature" => Signature,
        _ => null,
    };
}
