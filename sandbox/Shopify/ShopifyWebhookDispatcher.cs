using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// Delivers webhooks in the background like Shopify: POST of the REST-format JSON to each subscription of the topic with
/// <c>X-Shopify-Topic</c>, <c>X-Shopify-Hmac-Sha256</c> (base64 HMAC-SHA256 of the body with the app secret),
/// <c>X-Shopify-Shop-Domain</c>, <c>X-Shopify-Webhook-Id</c>, <c>X-Shopify-API-Version</c>, <c>X-Shopify-Triggered-At</c>,
/// <c>X-Shopify-Event-Id</c>. Failed deliveries are retried (same webhook id) a few times.
/// </summary>
internal sealed partial class ShopifyWebhookDispatcher(IOptions<ShopifySandboxOptions> options, TimeProvider time, ILogger<ShopifyWebhookDispatcher> logger) : BackgroundService
{
    public const string ApiVersion = "2026-10";
    private readonly Channel<(SandboxShop Shop, string Topic, string Uri, string Body)> _queue = Channel.CreateUnbounded<(SandboxShop, string, string, string)>();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private long _delivered;

    /// <summary>Deliveries answered 2xx.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Queues the topic's payload for every subscription of the shop (call under the shop's gate).</summary>
    public void Enqueue(SandboxShop shop, string topic, JsonObject payload)
    {
        if (shop.Webhooks.Count == 0)
        {
            return;
        }

        foreach (var (subscribed, uri, namespaces) in shop.Webhooks.Values)
        {
            if (SandboxWebhookSubscriptions.TopicName(subscribed) == topic)
            {
                _queue.Writer.TryWrite((shop, topic, uri, WithMetafields(payload, namespaces).ToJsonString()));
            }
        }
    }

    // Like Shopify: a body carries the metafields of the namespaces its subscription asked for (metafieldNamespaces), no others.
    private static JsonObject WithMetafields(JsonObject payload, IReadOnlyList<string> namespaces)
    {
        if (payload["metafields"] is not JsonArray all)
        {
            return payload;
        }

        var copy = payload.DeepClone().AsObject();
        copy.Remove("metafields");
        if (namespaces.Count > 0)
        {
            copy["metafields"] = new JsonArray([.. all.Where(m => namespaces.Contains(m?["namespace"]?.GetValue<string>() ?? string.Empty)).Select(m => m?.DeepClone())]);
        }

        return copy;
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (shop, topic, uri, body) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var id = Guid.NewGuid().ToString();
            var copies = shop.Faults.WebhookDuplicateRate > 0 && shop.Roll() < shop.Faults.WebhookDuplicateRate ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                await DeliverAsync(shop, topic, uri, body, id, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(SandboxShop shop, string topic, string uri, string body, string webhookId, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ClientSecret), bytes));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Shopify-Topic", topic);
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
            request.Headers.Add("X-Shopify-Shop-Domain", shop.Domain);
            request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
            request.Headers.Add("X-Shopify-API-Version", ApiVersion);
            request.Headers.Add("X-Shopify-Triggered-At", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            request.Headers.Add("X-Shopify-Event-Id", webhookId);
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }

                LogFailed(logger, topic, uri, (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException ex)
            {
                LogFailed(logger, topic, uri, 0, attempt);
                LogTransport(logger, ex.Message);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify sandbox webhook {Topic} to {Uri} answered {Status} (attempt {Attempt})")]
    private static partial void LogFailed(ILogger logger, string topic, string uri, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shopify sandbox webhook transport failure: {Reason}")]
    private static partial void LogTransport(ILogger logger, string reason);
}
