using Marketplace.Functions.Webhooks;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// Processes the Shopify deliveries of the webhook inbox that are not sales: product create/update become change sets,
/// product delete marks the listing REMOVED, inventory level updates stage the quantity, app/uninstalled disconnects
/// the shop, compliance topics are recorded, bulk_operations/finish wakes the waiting export. Each webhook id is
/// processed once (claimed in <see cref="ShopifyStateStore"/> before, completed after; a failure releases the claim); a body that cannot be read or staged is dead-lettered with its raw
/// body; a platform or storage outage throws, so the queue message is retried.
/// </summary>
internal sealed partial class ShopifyWebhookHandler(
    IServiceProvider services, ShopifyCatalogSync sync, SaleStarter sales, AuditLog audit, IWebhookInbox inbox, ShopifyStateStore state, TimeProvider time, ILogger<ShopifyWebhookHandler> logger)
{
    /// <summary>A claim older than this belongs to a worker that died; the delivery is processed again.</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    /// <summary>True for Shopify deliveries this handler takes (everything but the sale topics).</summary>
    public static bool Handles(WebhookDelivery delivery) =>
        string.Equals(delivery.Platform, MarketplacePlatform.Shopify, StringComparison.OrdinalIgnoreCase)
        && !ShopifyOrderWebhook.Topics.Contains(delivery.Header(ShopifyWebhookHeaders.TopicHeader) ?? string.Empty);

    /// <summary>The audit partition of shop-level events (connect, uninstall, compliance).</summary>
    public static string ShopAuditKey(string shop) => SaleWebhookReader.ShopAuditKey(shop);

    public async Task HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ShopifyWebhookHeaders headers;
        ShopifyWebhookEvent parsed;
        try
        {
            headers = ShopifyWebhookHeaders.Read(delivery.Headers.Where(h => h.Value.Length > 0).ToDictionary(h => h.Key, h => h.Value[0], StringComparer.OrdinalIgnoreCase));
            parsed = ShopifyWebhookParser.Parse(headers, delivery.Body.Span);
        }
        catch (ShopifyException ex)
        {
            await DeadLetterAsync(delivery, ex.Message, cancellationToken);
            return;
        }

        switch (await state.ClaimWebhookAsync(headers.ShopDomain, headers.WebhookId, ClaimTimeout, time.GetUtcNow(), cancellationToken))
        {
            case WebhookClaim.Done:
                LogDuplicate(headers.WebhookId, headers.Topic);
                return;
            case WebhookClaim.Busy:
                // Another worker is processing the same webhook id (a duplicate delivery): retry the message later.
                throw new InvalidOperationException($"Shopify webhook {headers.WebhookId} is being processed by another worker; the message will be retried.");
        }

        try
        {
            await ProcessAsync(parsed, CatalogActor.Create("shopify-webhook", headers.WebhookId), cancellationToken);
        }
        catch (CatalogValidationException ex)
        {
            // The catalog refuses the values (a field Shopify allows that the catalog does not): keep it for a person.
            await DeadLetterAsync(delivery, $"Shopify {headers.Topic} cannot be staged: {ex.Message}", cancellationToken);
        }
        catch
        {
            await state.ReleaseWebhookAsync(headers.ShopDomain, headers.WebhookId, CancellationToken.None);
            throw;
        }

        await state.CompleteWebhookAsync(headers.ShopDomain, headers.WebhookId, headers.Topic, cancellationToken);
    }

    private async Task ProcessAsync(ShopifyWebhookEvent parsed, CatalogActor actor, CancellationToken cancellationToken)
    {
        var headers = parsed.Headers;
        var reason = $"shopify {headers.Topic} {headers.WebhookId}";
        switch (parsed)
        {
            case ShopifyProductChanged changed:
                await StageProductAsync(changed, reason, actor, cancellationToken);
                break;
            case ShopifyProductDeleted deleted:
                var removed = await sync.MarkRemovedAsync(deleted.ProductId, actor, cancellationToken);
                LogRemoved(deleted.ProductId, removed?.Sku ?? "(no listing)");
                break;
            case ShopifyInventoryLevelUpdated level:
                await StageLevelAsync(level, reason, actor, cancellationToken);
                break;
            case ShopifyAppUninstalled uninstalled:
                await DisconnectAsync(uninstalled.ShopDomain, actor, cancellationToken);
                break;
            case ShopifyBulkOperationFinished finished:
                ShopifyClient.NotifyBulkOperationFinished(finished.BulkOperationId);
                break;
            case ShopifyCustomersDataRequest request:
                await RecordComplianceAsync(request.ShopDomain, headers, actor, $"customer {request.CustomerId}, orders requested {request.OrdersRequested.Count}, data request {request.DataRequestId}; no customer data is stored beyond order ids in the ledger", cancellationToken);
                break;
            case ShopifyCustomersRedact redact:
                await RecordComplianceAsync(redact.ShopDomain, headers, actor, $"customer {redact.CustomerId}, orders {string.Join(",", redact.OrdersToRedact)}; no personal data is stored", cancellationToken);
                break;
            case ShopifyShopRedact shop:
                await RecordComplianceAsync(shop.ShopDomain, headers, actor, $"shop {shop.ShopId}; no shop personal data is stored", cancellationToken);
                break;
            default:
                LogIgnored(headers.WebhookId, headers.Topic);
                break;
        }
    }

    // Deliveries arrive in any order: with a client for the shop, a product that differs from the catalog is read as it is
    // now, so an older delivery processed late stages today's values, not yesterday's.
    private async Task StageProductAsync(ShopifyProductChanged changed, string reason, CatalogActor actor, CancellationToken cancellationToken)
    {
        var client = ClientFor(changed.Headers.ShopDomain);
        var outcome = await sync.StageProductAsync(changed.Product, reason, includeQuantity: false, batchId: null, actor,
            client is null ? null : client.GetProductBySkuAsync, cancellationToken: cancellationToken);
        Log(changed.Headers, outcome);
    }

    private ShopifyClient? ClientFor(string shop) =>
        services.GetService<ShopifyClient>() is { } client && string.Equals(client.Options.ShopDomain, shop, StringComparison.OrdinalIgnoreCase) ? client : null;

    private async Task StageLevelAsync(ShopifyInventoryLevelUpdated level, string reason, CatalogActor actor, CancellationToken cancellationToken)
    {
        var client = ClientFor(level.Headers.ShopDomain);
        if (client is null)
        {
            LogIgnored(level.Headers.WebhookId, level.Headers.Topic + " (shop not configured)");
            return;
        }

        if (level.Available is null || (client.Options.LocationId is { } location && location != level.LocationId))
        {
            LogIgnored(level.Headers.WebhookId, level.Headers.Topic + " (untracked or another location)");
            return;
        }

        var sku = await client.GetInventoryItemSkuAsync(level.InventoryItemId, cancellationToken);
        if (sku is null)
        {
            LogIgnored(level.Headers.WebhookId, level.Headers.Topic + " (item without SKU)");
            return;
        }

        // As for products: the level as it is now, not as this (possibly late) delivery saw it. Sales first, then drift: the
        // SKU's Shopify sales not yet in the ledger (their orders/create may come later) are added back before comparing,
        // and started through the normal sale path (a no-op when their webhook already did), so a sale is counted once.
        var available = await client.GetAvailableQuantityAsync(level.InventoryItemId, level.LocationId, cancellationToken) ?? level.Available.Value;
        var outcome = await sync.StageQuantityAsync(sku, available, client.GetSalesOfSkuAsync, reason, actor, cancellationToken);
        foreach (var sale in outcome.Quantity?.Unledgered ?? [])
        {
            LogUnledgeredSale(level.Headers.WebhookId, sale.EventId, await sales.StartAsync(sale, cancellationToken));
        }

        Log(level.Headers, outcome);
    }

    private async Task DisconnectAsync(string shop, CatalogActor actor, CancellationToken cancellationToken)
    {
        var connection = services.GetRequiredService<ShopifyConnectionService>();
        var outcome = await connection.ForgetTokenAsync(shop, cancellationToken);
        await audit.RecordAsync(ShopAuditKey(shop), actor, "shopify.uninstalled", outcome is null ? AuditOutcome.Success : AuditOutcome.Failure, Platform.Shopify,
            outcome ?? "token removed from the secret store", cancellationToken);
    }

    private Task RecordComplianceAsync(string shop, ShopifyWebhookHeaders headers, CatalogActor actor, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(ShopAuditKey(shop), actor, "shopify.compliance." + headers.Topic.Replace('/', '.'), AuditOutcome.Success, Platform.Shopify, detail, cancellationToken);

    private async Task DeadLetterAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        await inbox.DeadLetterAsync(delivery, reason, cancellationToken);
        LogDeadLettered(delivery.Id, reason);
    }

    private void Log(ShopifyWebhookHeaders headers, ShopifyStageOutcome outcome) =>
        LogStaged(headers.WebhookId, headers.Topic, outcome.Sku ?? "(none)", outcome.Result?.Applied?.Id, outcome.Result?.Review?.Id, outcome.Skipped);

    [LoggerMessage(60, LogLevel.Information, "Shopify webhook {WebhookId} ({Topic}) for {Sku}: applied {Applied}, review {Review}, skipped {Skipped}")]
    private partial void LogStaged(string webhookId, string topic, string sku, string? applied, string? review, string? skipped);

    [LoggerMessage(61, LogLevel.Information, "Shopify product {ProductId} deleted: listing of {Sku} marked REMOVED")]
    private partial void LogRemoved(string productId, string sku);

    [LoggerMessage(62, LogLevel.Information, "Shopify webhook {WebhookId} ({Topic}) already processed")]
    private partial void LogDuplicate(string webhookId, string topic);

    [LoggerMessage(63, LogLevel.Information, "Shopify webhook {WebhookId} ({Topic}) needs no action")]
    private partial void LogIgnored(string webhookId, string topic);

    [LoggerMessage(65, LogLevel.Information, "Shopify webhook {WebhookId}: sale {EventId} was not in the ledger yet, counted before the stock level; orchestration started {Started}")]
    private partial void LogUnledgeredSale(string webhookId, string eventId, bool started);

    [LoggerMessage(64, LogLevel.Warning, "Shopify webhook {WebhookId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string webhookId, string reason);
}
