using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Sandbox-only endpoints for what a buyer or the merchant does to orders (checkout, cancel, refund), webhooks included.</summary>
internal static class SandboxOrderActions
{
    private static readonly HashSet<string> RestockTypes = ["no_restock", "cancel", "return", "legacy_restock"];

    /// <summary>
    /// <c>POST /shopify-sandbox/orders</c> <c>{"lines":[{"sku":"..","quantity":1}], "test": false, "financial_status": "paid"}</c>
    /// with the shop's token: a checkout (a Bogus Gateway one when <c>test</c>); the stock is committed at creation, whatever the payment.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Unauthorized();
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var context = Context(sandbox, shop, request, "orderCreate");
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
                Restock(context, shop, productId, variant.Id, -quantity);
            }

            var order = new SandboxOrder(sandbox.NextId(), context.Now, "EUR", lines)
            {
                Test = body?["test"]?.GetValue<bool>() ?? false,
                FinancialStatus = body?["financial_status"]?.GetValue<string>() ?? "paid",
                UpdatedAt = context.Now,
            };
            shop.Orders.Add(order);
            var rest = SandboxOrders.Rest(order);
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

        var context = Context(sandbox, shop, request, "orderCancel");
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

            var current = shop.Orders[index];
            var refund = new SandboxRefund(sandbox.NextId(), context.Now, current.Lines
                .Select(l => new SandboxRefundLine(sandbox.NextId(), l.Id, l.Quantity - Refunded(current, l.Id), "cancel"))
                .Where(l => l.Quantity > 0).ToList());
            var order = shop.Orders[index] = current with
            {
                CancelledAt = context.Now, FinancialStatus = "voided", UpdatedAt = context.Now, Refunds = [.. current.Refunds, refund],
            };
            Apply(context, shop, order, refund);
            sandbox.Webhooks.Enqueue(shop, "orders/cancelled", SandboxOrders.Rest(order));
            return Results.Text(SandboxOrders.Rest(order).ToJsonString(), "application/json");
        }
    }

    /// <summary>
    /// <c>POST /shopify-sandbox/orders/{id}/refunds</c> with the shop's token and the body of the REST Admin API's refund
    /// (<c>{"refund":{"refund_line_items":[{"line_item_id":1,"quantity":1,"restock_type":"return"}]}}</c>): restocked units come
    /// back, the order is <c>refunded</c> or <c>partially_refunded</c>, and <c>orders/updated</c> carries the refund. A quantity
    /// beyond what is left to refund, or an unknown restock type, is a 422.
    /// </summary>
    public static async Task<IResult> RefundAsync(HttpRequest request, long id, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        var shop = sandbox.FindByToken(request.Headers["X-Shopify-Access-Token"].FirstOrDefault());
        if (shop is null)
        {
            return Results.Unauthorized();
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var context = Context(sandbox, shop, request, "refundCreate");
        lock (shop.Gate)
        {
            var index = shop.Orders.FindIndex(o => o.Id == id);
            if (index < 0)
            {
                return Results.NotFound(new { errors = "Not Found" });
            }

            var current = shop.Orders[index];
            var lines = new List<SandboxRefundLine>();
            foreach (var item in (body?["refund"]?["refund_line_items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var lineId = item["line_item_id"]?.GetValue<long>() ?? 0;
                var quantity = item["quantity"]?.GetValue<int>() ?? 0;
                var restock = item["restock_type"]?.GetValue<string>() ?? "no_restock";
                var line = current.Lines.FirstOrDefault(l => l.Id == lineId);
                if (line is null || quantity <= 0 || quantity > line.Quantity - Refunded(current, lineId) || !RestockTypes.Contains(restock))
                {
                    return Results.UnprocessableEntity(new { errors = new { refund_line_items = new[] { $"line item {lineId}: invalid quantity or restock type" } } });
                }

                lines.Add(new SandboxRefundLine(sandbox.NextId(), lineId, quantity, restock));
            }

            var refund = new SandboxRefund(sandbox.NextId(), context.Now, lines);
            var refunds = current.Refunds.Append(refund).ToList();
            var all = current.Lines.All(l => refunds.SelectMany(r => r.Lines).Where(x => x.LineItemId == l.Id).Sum(x => x.Quantity) >= l.Quantity);
            var order = shop.Orders[index] = current with { Refunds = refunds, FinancialStatus = all ? "refunded" : "partially_refunded", UpdatedAt = context.Now };
            Apply(context, shop, order, refund);
            sandbox.Webhooks.Enqueue(shop, "orders/updated", SandboxOrders.Rest(order));
            return Results.Text(new JsonObject { ["refund"] = SandboxOrders.RestRefund(order, refund) }.ToJsonString(), "application/json", statusCode: 201);
        }
    }

    private static ShopifyRequestContext Context(ShopifySandbox sandbox, SandboxShop shop, HttpRequest request, string operation) =>
        new(sandbox, shop, [], new ShopifyOperation(true, operation, null), new Uri($"{request.Scheme}://{request.Host}/"), "2026-10");

    private static int Refunded(SandboxOrder order, long lineId) => order.Refunds.SelectMany(r => r.Lines).Where(l => l.LineItemId == lineId).Sum(l => l.Quantity);

    private static void Apply(ShopifyRequestContext context, SandboxShop shop, SandboxOrder order, SandboxRefund refund)
    {
        foreach (var item in refund.Lines.Where(l => l.RestockType != "no_restock"))
        {
            var line = order.Lines.First(l => l.Id == item.LineItemId);
            Restock(context, shop, line.ProductId, line.VariantId, item.Quantity);
        }
    }

    private static void Restock(ShopifyRequestContext context, SandboxShop shop, long productId, long variantId, int delta)
    {
        var variant = shop.Products.TryGetValue(productId, out var product) ? product.Variants.FirstOrDefault(v => v.Id == variantId) : null;
        if (variant is not null && shop.Inventory.ContainsKey(variant.InventoryItemId))
        {
            shop.Inventory[variant.InventoryItemId] += delta;
            SandboxInventory.LevelChanged(context, variant.InventoryItemId, shop.Inventory[variant.InventoryItemId]);
        }
    }
}
