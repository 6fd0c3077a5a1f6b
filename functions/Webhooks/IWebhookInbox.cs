namespace Marketplace.Functions.Webhooks;

/// <summary>
/// Durable storage for webhooks. <see cref="AcceptAsync"/> returns only after the delivery (raw body + headers)
/// is stored and a queue message announces it, so an acknowledged webhook is never lost;
/// <see cref="DeadLetterAsync"/> keeps rejected ones with their raw body for inspection.
/// </summary>
internal interface IWebhookInbox
{
    Task AcceptAsync(WebhookDelivery delivery, string? eventId, CancellationToken cancellationToken);

    Task DeadLetterAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken);
}
