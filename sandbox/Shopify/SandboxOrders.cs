using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Orders: the <c>orders</c> query, and a sandbox-only endpoint that simulates a checkout (webhooks included).</summary>
internal static class SandboxOrders
{
    public static JsonNode? OrdersPage(ShopifyRequestContext context)
    {
        var first = context.Variables["first"]?.GetValue<int>() ?? 25;
        var after = context.Variables["after"]?.GetValue<string>();
        var query = context.Variables["query"]?.GetValue<string>();
        const string prefix = "created_at:>=";
        DateTimeOffset? since = query is not null && query.StartsWith(prefix, StringComparison.Ordinal) ? DateTimeOffset.Parse(query[prefix.Length..].Trim('\''), CultureInfo.InvariantCulture) : null;
        var afterId = after is null ? 0 : long.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture);
        lock (context.Shop.Gate)
        {
            var page = context.Shop.Orders.Where(o => (since is null || o.CreatedAt >= since) && o.Id > afterId).OrderBy(o => o.Id).Take(first + 1).ToList();
            var items = page.Take(first).ToList();
            return new JsonObject
            {
                ["pageInfo"] = new JsonObject { ["hasNextPage"] = page.Count > first, ["endCursor"] = items.Count == 0 ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(items[^1].Id.ToString(CultureInfo.InvariantCulture))) },
                ["nodes"] = Gid.Array(items.Select(o => (JsonNode?)new JsonObject
                {
                    ["id"] = Gid.Of("Order", o.Id),
                    ["createdAt"] = Gid.Timestamp(o.CreatedAt),
                    ["cancelledAt"] = o.CancelledAt is { } cancelled ? Gid.Timestamp(cancelled) : null,
                    ["lineItems"] = new JsonObject
                    {
                        ["nodes"] = Gid.Array(o.Lines.Select(l => (JsonNode?)new JsonObject
                        {
                            ["id"] = Gid.Of("LineItem", l.Id),
                            ["sku"] = l.Sku,
                            ["quantity"] = l.Quantity,
                            ["originalUnitPriceSet"] = new JsonObject { ["shopMoney"] = new JsonObject { ["amount"] = l.Price, ["currencyCode"] = o.Currency } },
                        })),
                    },
                })),
            };
        }
    }

    /// <summary><c>POST /shopify-sandbox/orders</c> <c>{"lines":[{"sku":"..","quantity":1}]}</c> with the shop's token: a checkout.</summary>
    public static async Task<IResult> CreateAsync(HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Unauthorized();
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var context = new ShopifyRequestContext(sandbox, shop, [], new ShopifyOperation(true, "orderCreate", null), new Uri($"{request.Scheme}://{request.Host}/"), "2026-10");
        lock (shop.Gate)
        {
            var lines = new List<SandboxLineItem>();
            foreach (var line in (body?["lines"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var sku = line["sku"]!.GetValue<string>();
                var quantity = line["quantity"]?.GetValue<int>() ?? 1;
                if (!shop.Skus.TryGetValue(sku, out var productId))
                {
                    return Results.BadRequest(new { errors = $"No variant has SKU {sku}" });
                }

                var variant = shop.Products[productId].Variants.First(v => string.Equals(v.Sku, sku, StringComparison.OrdinalIgnoreCase));
                lines.Add(new SandboxLineItem(sandbox.NextId(), sku, quantity, variant.Price, variant.Id, productId));
                shop.Inventory[variant.InventoryItemId] -= quantity;
                SandboxInventory.LevelChanged(context, variant.InventoryItemId, shop.Inventory[variant.InventoryItemId]);
            }

            var order = new SandboxOrder(sandbox.NextId(), context.Now, "EUR", lines);
            shop.Orders.Add(order);
            var rest = Rest(order);
            sandbox.Webhooks.Enqueue(shop, "orders/create", rest);
            return Results.Text(rest.ToJsonString(), "application/json", statusCode: 201);
        }
    }

    /// <summary>
    /// <c>POST /shopify-sandbox/orders/{id}/cancel</c> with the shop's token: the merchant cancels the order and restocks
    /// every line, as the admin's "Cancel order" does: the stock comes back, the payment is voided, and
    /// <c>orders/cancelled</c> carries <c>cancelled_at</c> and a refund whose line items have <c>restock_type: cancel</c>.
    /// Cancelling a cancelled order is a 422.
    /// </summary>
    public static IResult Cancel(HttpRequest request, long id, ShopifySandbox sandbox)
    {
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Unauthorized();
        }

        var context = new ShopifyRequestContext(sandbox, shop, [], new ShopifyOperation(true, "orderCancel", null), new Uri($"{request.Scheme}://{request.Host}/"), "2026-10");
        lock (shop.Gate)
        {
            var index = shop.Orders.FindIndex(o => o.Id == id);
            if (index < 0)
            {
                return Results.NotFound(new { errors = "Not Found" });
            }

            if (shop.Orders[index].CancelledAt is not null)
            {
                return Results.UnprocessableEntity(new { errors = new { order = new[] { "is already cancelled" } } });
            }

            var order = shop.Orders[index] = shop.Orders[index] with { CancelledAt = context.Now };
            foreach (var line in order.Lines)
            {
                var variant = shop.Products.TryGetValue(line.ProductId, out var product) ? product.Variants.FirstOrDefault(v => v.Id == line.VariantId) : null;
                if (variant is not null && shop.Inventory.ContainsKey(variant.InventoryItemId))
                {
                    shop.Inventory[variant.InventoryItemId] += line.Quantity;
                    SandboxInventory.LevelChanged(context, variant.InventoryItemId, shop.Inventory[variant.InventoryItemId]);
                }
            }

            var rest = Rest(order);
            rest["refunds"] = new JsonArray(new JsonObject
            {
                ["id"] = sandbox.NextId(),
                ["order_id"] = order.Id,
                ["created_at"] = Gid.Timestamp(context.Now),
                ["restock"] = true,
                ["refund_line_items"] = Gid.Array(order.Lines.Select(l => (JsonNode?)new JsonObject
                {
                    ["id"] = sandbox.NextId(),
                    ["line_item_id"] = l.Id,
                    ["quantity"] = l.Quantity,
                    ["restock_type"] = "cancel",
                })),
            });
            sandbox.Webhooks.Enqueue(shop, "orders/cancelled", rest);
            return Results.Text(rest.ToJsonString(), "application/json");
        }
    }

    // The REST order as the order webhooks carry it (the fields the integration reads, shaped as Shopify documents them).
    private static JsonObject Rest(SandboxOrder order) => new()
    {
        ["id"] = order.Id,
        ["admin_graphql_api_id"] = Gid.Of("Order", order.Id),
        ["created_at"] = Gid.Timestamp(order.CreatedAt),
        ["currency"] = order.Currency,
        ["test"] = false,
        ["financial_status"] = order.CancelledAt is null ? "paid" : "voided",
        ["fulfillment_status"] = null,
        ["cancelled_at"] = order.CancelledAt is { } at ? Gid.Timestamp(at) : null,
        ["cancel_reason"] = order.CancelledAt is null ? null : "customer",
        ["line_items"] = Gid.Array(order.Lines.Select(l => (JsonNode?)new JsonObject
        {
            ["id"] = l.Id,
            ["admin_graphql_api_id"] = Gid.Of("LineItem", l.Id),
            ["sku"] = l.Sku,
            ["quantity"] = l.Quantity,
            ["price"] = l.Price,
            ["variant_id"] = l.VariantId,
            ["product_id"] = l.ProductId,
        })),
    };
}
