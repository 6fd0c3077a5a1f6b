using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Root field name to handler: the root fields the sandbox implements over Shopify's schema.</summary>
internal static class ShopifyDispatcher
{
    private static readonly Dictionary<string, Func<ShopifyRequestContext, JsonNode?>> Handlers = new(StringComparer.Ordinal)
    {
        ["productSet"] = SandboxProducts.ProductSet,
        ["productUpdate"] = SandboxProducts.ProductUpdate,
        ["productDelete"] = SandboxProducts.ProductDelete,
        ["productVariants"] = SandboxProducts.ProductVariants,
        ["products"] = SandboxProducts.ProductsPage,
        ["metafieldDefinitionCreate"] = SandboxProducts.MetafieldDefinitionCreate,
        ["locations"] = SandboxInventory.Locations,
        ["inventoryItem"] = SandboxInventory.InventoryItem,
        ["inventorySetQuantities"] = SandboxInventory.SetQuantities,
        ["inventoryAdjustQuantities"] = SandboxInventory.AdjustQuantities,
        ["orders"] = SandboxOrders.OrdersPage,
        ["webhookSubscriptionCreate"] = SandboxWebhookSubscriptions.Create,
        ["webhookSubscriptionDelete"] = SandboxWebhookSubscriptions.Delete,
        ["webhookSubscriptions"] = SandboxWebhookSubscriptions.List,
        ["stagedUploadsCreate"] = SandboxBulk.StagedUploadsCreate,
        ["bulkOperationRunQuery"] = SandboxBulk.RunQuery,
        ["bulkOperationRunMutation"] = SandboxBulk.RunMutation,
        ["bulkOperation"] = SandboxBulk.BulkOperation,
        ["currentBulkOperation"] = SandboxRootFields.CurrentBulkOperation,
        ["shop"] = SandboxRootFields.Shop,
        ["node"] = SandboxRootFields.Node,
        ["nodes"] = SandboxRootFields.Nodes,
        ["productCreate"] = SandboxRootFields.ProductCreate,
        ["productVariant"] = SandboxDeliveryProfiles.ProductVariant,
        ["deliveryProfiles"] = SandboxDeliveryProfiles.DeliveryProfiles,
        ["deliveryProfileCreate"] = SandboxDeliveryProfiles.Create,
        ["deliveryProfileUpdate"] = SandboxDeliveryProfiles.Update,
    };

    /// <summary>Runs the root field; idempotent mutations replay their first result for a repeated key.</summary>
    public static JsonNode? Execute(ShopifyRequestContext context)
    {
        var root = context.Operation.RootField;
        if (!Handlers.TryGetValue(root, out var handler))
        {
            throw new SandboxGraphQlException($"The Shopify sandbox does not implement {(context.Operation.IsMutation ? "Mutation" : "QueryRoot")}.{root}.", GraphQl.ShopifyResolver.NotImplemented);
        }

        var key = context.Operation.IdempotencyKey;
        if (root == "inventoryAdjustQuantities" && key is null && context.VersionAtLeast("2026-04"))
        {
            throw new SandboxGraphQlException("The @idempotent directive is required for this mutation.", "BAD_REQUEST");
        }

        if (key is null)
        {
            return handler(context);
        }

        var shop = context.Shop;
        lock (shop.Gate)
        {
            if (shop.IdempotentResults.TryGetValue(root + ":" + key, out var earlier))
            {
                return earlier?.DeepClone();
            }

            var result = handler(context);
            shop.IdempotentResults[root + ":" + key] = result?.DeepClone();
            return result;
        }
    }
}
