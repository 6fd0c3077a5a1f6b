namespace Marketplace.Shared.Shopify;

/// <summary>The GraphQL documents the client sends (the sandbox dispatches on their root fields).</summary>
internal static class ShopifyDocuments
{
    public const string ProductRefFields = "id handle status variants(first: 1) { nodes { id sku inventoryItem { id } } }";

    public const string ProductSet =
        "mutation productSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) { productSet(input: $input, identifier: $identifier, synchronous: true) { product { "
        + ProductRefFields + " } userErrors { field message code } } }";

    public const string ProductUpdateStatus =
        "mutation productUpdate($product: ProductUpdateInput!) { productUpdate(product: $product) { product { " + ProductRefFields + " } userErrors { field message } } }";

    public const string ProductDelete =
        "mutation productDelete($input: ProductDeleteInput!) { productDelete(input: $input) { deletedProductId userErrors { field message } } }";

    public const string VariantBySku =
        "query productVariants($first: Int!, $query: String!) { productVariants(first: $first, query: $query) { nodes { id sku inventoryQuantity inventoryItem { id } product { "
        + ProductRefFields + " } } } }";

    public const string ProductFields =
        "id handle title descriptionHtml vendor productType status updatedAt category { id } "
        + "variants(first: 5) { nodes { id sku price inventoryQuantity inventoryItem { id } } } "
        + "metafields(first: 25, namespace: \"marketplace\") { nodes { namespace key type value } } "
        + "media(first: 20) { nodes { ... on MediaImage { image { url } } } }";

    public const string ProductsPage =
        "query products($first: Int!, $after: String, $query: String) { products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { "
        + ProductFields + " } } }";

    public const string VariantBySkuWithProduct =
        "query productVariants($first: Int!, $query: String!) { productVariants(first: $first, query: $query) { nodes { id sku product { " + ProductFields + " } } } }";

    public const string InventoryItemVariant =
        "query inventoryItem($id: ID!) { inventoryItem(id: $id) { id sku variant { id sku product { id } } } }";

    public const string Locations = "query locations($first: Int!) { locations(first: $first) { nodes { id name } } }";

    public const string InventoryLevel =
        "query inventoryItem($id: ID!, $locationId: ID!) { inventoryItem(id: $id) { id inventoryLevel(locationId: $locationId) { quantities(names: [\"available\"]) { name quantity } } } }";

    public const string InventorySet =
        "mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange } } userErrors { field message code } } }";

    // The idempotency key is a literal in the document (the directive's documented form); {0} is replaced by the key.
    public const string InventoryAdjust =
        "mutation inventoryAdjustQuantities($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) @idempotent(key: \"{0}\") { inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange } } userErrors { field message code } } }";

    public const string OrdersPage =
        "query orders($first: Int!, $after: String, $query: String) { orders(first: $first, after: $after, query: $query, sortKey: ID) { pageInfo { hasNextPage endCursor } "
        + "nodes { id createdAt test cancelledAt cancelReason displayFinancialStatus displayFulfillmentStatus "
        + "lineItems(first: 50) { nodes { id sku quantity originalUnitPriceSet { shopMoney { amount currencyCode } } } } "
        + "refunds(first: 5) { refundLineItems(first: 50) { nodes { restockType quantity lineItem { id sku } } } } } } }";

    public const string MetafieldDefinitionCreate =
        "mutation metafieldDefinitionCreate($definition: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $definition) { createdDefinition { id } userErrors { field message code } } }";

    public const string WebhookSubscriptionCreate =
        "mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { webhookSubscription { id topic uri } userErrors { field message } } }";

    public const string WebhookSubscriptions =
        "query webhookSubscriptions($first: Int!) { webhookSubscriptions(first: $first) { nodes { id topic uri } } }";

    public const string WebhookSubscriptionDelete =
        "mutation webhookSubscriptionDelete($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }";

    public const string BulkExportProducts =
        "{ products { edges { node { id handle title descriptionHtml vendor productType status updatedAt category { id } "
        + "variants { edges { node { id sku price inventoryQuantity inventoryItem { id } } } } "
        + "metafields(namespace: \"marketplace\") { edges { node { id namespace key type value } } } "
        + "media { edges { node { ... on MediaImage { id image { url } } } } } } } } }";

    public const string BulkRunQuery =
        "mutation bulkOperationRunQuery($query: String!) { bulkOperationRunQuery(query: $query, groupObjects: true) { bulkOperation { id status } userErrors { field message code } } }";

    public const string StagedUploadsCreate =
        "mutation stagedUploadsCreate($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }";

    public const string BulkRunMutation =
        "mutation bulkOperationRunMutation($mutation: String!, $stagedUploadPath: String!, $clientIdentifier: String) { bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath, clientIdentifier: $clientIdentifier) { bulkOperation { id status } userErrors { field message code } } }";

    public const string BulkOperation =
        "query bulkOperation($id: ID!) { bulkOperation(id: $id) { id status errorCode type objectCount fileSize url partialDataUrl createdAt completedAt } }";

    /// <summary>The per-line mutation of a bulk import (variables per JSONL line: input, identifier).</summary>
    public const string BulkProductSet =
        "mutation call($input: ProductSetInput!, $identifier: ProductSetIdentifiers) { productSet(input: $input, identifier: $identifier, synchronous: true) { product { "
        + ProductRefFields + " } userErrors { field message code } } }";

    public const string VariantDeliveryProfile =
        "query productVariant($id: ID!) { productVariant(id: $id) { id deliveryProfile { id name } } }";

    public const string DeliveryProfileUpdate =
        "mutation deliveryProfileUpdate($id: ID!, $profile: DeliveryProfileInput!) { deliveryProfileUpdate(id: $id, profile: $profile) { profile { id } userErrors { field message } } }";
}
