namespace Marketplace.Sandbox.Shopify;

/// <summary>The root field a handler runs for: query or mutation, its name, and its <c>@idempotent(key:)</c>.</summary>
internal sealed record ShopifyOperation(bool IsMutation, string RootField, string? IdempotencyKey);
