using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;

namespace Marketplace.Functions.Webhooks;

/// <summary>
/// A webhook the app refuses (bad or missing signature, wrong secret path, a body that can never become sales):
/// its raw body goes to the dead-letter container and the audit trail records why, under
/// <see cref="AuditKey"/> (action <see cref="AuditAction"/>, correlation id = the delivery id), so the operator sees it.
/// </summary>
internal sealed partial class WebhookRejections(IWebhookInbox inbox, AuditLog audit, ILogger<WebhookRejections> logger)
{
    public const string AuditAction = "webhook.rejected";

    /// <summary>The audit key of a platform's rejected deliveries.</summary>
    public static string AuditKey(string platform) => "webhook:" + platform.ToLowerInvariant();

    public async Task RejectAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await inbox.DeadLetterAsync(delivery, reason, cancellationToken);
        await audit.RecordAsync(AuditKey(delivery.Platform), CatalogActor.Create(delivery.Platform + "-webhook", delivery.Id), AuditAction, AuditOutcome.Failure,
            PlatformNames.TryParse(delivery.Platform, out var platform) ? platform : null,
            $"delivery {delivery.Id} ({delivery.Body.Length} bytes) rejected: {reason}; the raw body is kept as a dead letter, no stock changed",
            cancellationToken);
        LogRejected(delivery.Platform, delivery.Id, reason);
    }

    [LoggerMessage(22, LogLevel.Warning, "Webhook {WebhookId} from {Platform} rejected and dead-lettered: {Reason}")]
    private partial void LogRejected(string platform, string webhookId, string reason);
}
