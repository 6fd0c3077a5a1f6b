using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Webhooks;
using Marketplace.Orchestrations.Sync.Sales;

namespace Marketplace.Functions.Sync;

/// <summary>
/// Consumes the webhook inbox (<c>%Webhooks:Queue%</c>): Shopify non-sale topics go to <see cref="ShopifyWebhookHandler"/>; each other delivery becomes sale events, each sale event one sale
/// orchestration (starting an existing one is a no-op, so a redelivered message changes nothing). A delivery that can
/// never become sales (a forged eBay signature, a malformed body) is dead-lettered with its raw body and audited; a platform outage throws, so the message is retried.
/// </summary>
internal sealed partial class SaleWebhookQueueHandler(
    SaleWebhookReader reader, SaleStarter starter, WebhookRejections rejections, BlobServiceClient blobs, ShopifyWebhookHandler shopify, ILogger<SaleWebhookQueueHandler> logger)
{
    public const string Name = "SaleWebhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Function(Name)]
    public async Task RunAsync([QueueTrigger("%" + WebhookOptions.QueueSetting + "%")] QueueMessage message, CancellationToken cancellationToken)
    {
        WebhookQueueMessage? batch;
        try
        {
            batch = JsonSerializer.Deserialize<WebhookQueueMessage>(message.Body.ToString(), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Webhook queue message {message.MessageId} is not a webhook batch: {ex.Message}", ex);
        }

        foreach (var reference in batch?.Deliveries ?? [])
        {
            // Inline deliveries carry their body (Blob then names their batch blob); large ones only a reference to their own blob.
            var envelope = reference.BodyBase64 is not null || reference.Blob is null ? reference : await ReadBlobAsync(reference.Blob, cancellationToken);
            var headers = envelope.Headers ?? new Dictionary<string, string[]>();
            var lookup = new Dictionary<string, string[]>(headers, StringComparer.OrdinalIgnoreCase);
            var delivery = new WebhookDelivery(envelope.Id, envelope.Platform, lookup, Convert.FromBase64String(envelope.BodyBase64 ?? string.Empty), envelope.ReceivedAt);

            // Shopify catalog, inventory, connection and compliance topics (everything but sales) go to their own handler.
            if (ShopifyWebhookHandler.Handles(delivery))
            {
                await shopify.HandleAsync(delivery, cancellationToken);
                continue;
            }

            try
            {
                var sales = await reader.ReadAsync(envelope.Platform, delivery.Header, delivery.Body, cancellationToken);
                foreach (var sale in sales)
                {
                    var started = await starter.StartAsync(sale, cancellationToken);
                    LogSale(sale.EventId, sale.Sku, started);
                }
            }
            catch (SaleWebhookException ex)
            {
                await rejections.RejectAsync(delivery, ex.Message, cancellationToken);
            }
        }
    }

    private async Task<WebhookEnvelope> ReadBlobAsync(string reference, CancellationToken cancellationToken)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var content = await blobs.GetBlobContainerClient(reference[..slash]).GetBlobClient(reference[(slash + 1)..]).DownloadContentAsync(cancellationToken: cancellationToken);
        return content.Value.Content.ToObjectFromJson<WebhookEnvelope>(Json)
            ?? throw new InvalidOperationException($"Webhook blob '{reference}' is empty.");
    }

    [LoggerMessage(40, LogLevel.Information, "Sale {EventId} of {Sku}: orchestration started {Started}")]
    private partial void LogSale(string eventId, string sku, bool started);
}
