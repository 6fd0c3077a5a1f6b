using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>A parsed webhook delivery. Deliveries are at least once: dedupe on <see cref="ShopifyWebhookHeaders.WebhookId"/>.</summary>
public abstract record ShopifyWebhookEvent(ShopifyWebhookHeaders Headers);

/// <summary><c>products/create</c> or <c>products/update</c>: the product as it now is (REST shape mapped).</summary>
public sealed record ShopifyProductChanged(ShopifyWebhookHeaders Headers, bool Created, ShopifyProduct Product) : ShopifyWebhookEvent(Headers);

/// <summary><c>products/delete</c>.</summary>
public sealed record ShopifyProductDeleted(ShopifyWebhookHeaders Headers, string ProductId) : ShopifyWebhookEvent(Headers);

/// <summary><c>orders/create</c>: one sale event per line item (<c>shopify:{order}:{line}</c> is the ledger key).</summary>
public sealed record ShopifyOrderCreated(ShopifyWebhookHeaders Headers, string OrderId, IReadOnlyList<SaleEvent> Sales) : ShopifyWebhookEvent(Headers);

/// <summary><c>inventory_levels/update</c>: the available quantity of an item at a location (null when untracked).</summary>
public sealed record ShopifyInventoryLevelUpdated(ShopifyWebhookHeaders Headers, string InventoryItemId, string LocationId, int? Available, DateTimeOffset? UpdatedAt) : ShopifyWebhookEvent(Headers);

/// <summary><c>app/uninstalled</c>: the token is dead; disconnect the shop.</summary>
public sealed record ShopifyAppUninstalled(ShopifyWebhookHeaders Headers, string ShopDomain) : ShopifyWebhookEvent(Headers);

/// <summary><c>bulk_operations/finish</c>; pass <see cref="BulkOperationId"/> to <see cref="ShopifyClient.NotifyBulkOperationFinished"/>.</summary>
/// <param name="Headers">Delivery headers.</param>
/// <param name="BulkOperationId">gid of the operation.</param>
/// <param name="Status">Upper case (COMPLETED, FAILED, CANCELED, ...).</param>
/// <param name="ErrorCode">Upper-case error code when it failed.</param>
/// <param name="Type">QUERY or MUTATION.</param>
public sealed record ShopifyBulkOperationFinished(ShopifyWebhookHeaders Headers, string BulkOperationId, string Status, string? ErrorCode, string? Type) : ShopifyWebhookEvent(Headers);

/// <summary>Mandatory compliance topic <c>customers/data_request</c>: report the customer's data to the merchant.</summary>
public sealed record ShopifyCustomersDataRequest(ShopifyWebhookHeaders Headers, long ShopId, string ShopDomain, long CustomerId, string? Email, string? Phone, IReadOnlyList<long> OrdersRequested, long? DataRequestId) : ShopifyWebhookEvent(Headers);

/// <summary>Mandatory compliance topic <c>customers/redact</c>: erase the customer's personal data.</summary>
public sealed record ShopifyCustomersRedact(ShopifyWebhookHeaders Headers, long ShopId, string ShopDomain, long CustomerId, string? Email, string? Phone, IReadOnlyList<long> OrdersToRedact) : ShopifyWebhookEvent(Headers);

/// <summary>Mandatory compliance topic <c>shop/redact</c> (48 h after uninstall): erase the shop's data.</summary>
public sealed record ShopifyShopRedact(ShopifyWebhookHeaders Headers, long ShopId, string ShopDomain) : ShopifyWebhookEvent(Headers);

/// <summary>A topic this integration does not subscribe to; acknowledge and ignore.</summary>
public sealed record ShopifyUnhandledWebhook(ShopifyWebhookHeaders Headers) : ShopifyWebhookEvent(Headers);
