using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// Orders: the <c>orders</c> query (search terms <c>created_at</c>, <c>updated_at</c> with <c>&gt;</c> or <c>&gt;=</c>, and
/// <c>sku</c>), and the REST order body the order webhooks carry. Checkouts, cancellations and refunds are in <see cref="SandboxOrderActions"/>.
/// </summary>
internal static partial class SandboxOrders
{
    public static JsonNode? OrdersPage(ShopifyRequestContext context)
    {
        var first = context.Variables["first"]?.GetValue<int>() ?? 25;
        var after = context.Variables["after"]?.GetValue<string>();
        var matches = Filter(context.Variables["query"]?.GetValue<string>());
        var afterId = after is null ? 0 : long.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture);
        lock (context.Shop.Gate)
        {
            var page = context.Shop.Orders.Where(o => o.Id > afterId && matches(o)).OrderBy(o => o.Id).Take(first + 1).ToList();
            var items = page.Take(first).ToList();
            return new JsonObject
            {
                ["pageInfo"] = new JsonObject { ["hasNextPage"] = page.Count > first, ["endCursor"] = items.Count == 0 ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(items[^1].Id.ToString(CultureInfo.InvariantCulture))) },
                ["nodes"] = Gid.Array(items.Select(o => (JsonNode?)Node(o))),
            };
        }
    }

    // The documented search terms the app sends (created_at, updated_at, sku); the sandbox does not search on others.
    private static Func<SandboxOrder, bool> Filter(string? query)
    {
        var tests = new List<Func<SandboxOrder, bool>>();
        foreach (Match term in SearchTerm().Matches(query ?? string.Empty))
        {
            var value = term.Groups["value"].Value.Trim('\'', '"').Replace("\\'", "'", StringComparison.Ordinal);
            var inclusive = term.Groups["op"].Value == ">=";
            switch (term.Groups["field"].Value)
            {
                case "created_at":
                    var created = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
                    tests.Add(o => inclusive ? o.CreatedAt >= created : o.CreatedAt > created);
                    break;
                case "updated_at":
                    var updated = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
                    tests.Add(o => inclusive ? o.UpdatedAt >= updated : o.UpdatedAt > updated);
                    break;
                case "sku":
                    tests.Add(o => o.Lines.Any(l => string.Equals(l.Sku, value, StringComparison.OrdinalIgnoreCase)));
                    break;
            }
        }

        return o => tests.TrueForAll(t => t(o));
    }

    [GeneratedRegex(@"(?<field>\w+):(?<op>>=|>)?(?<value>'(?:[^'\\]|\\.)*'|\S+)")]
    private static partial Regex SearchTerm();

    // The GraphQL Order as the app's orders query reads it.
    private static JsonObject Node(SandboxOrder o) => new()
    {
        ["id"] = Gid.Of("Order", o.Id),
        ["createdAt"] = Gid.Timestamp(o.CreatedAt),
        ["updatedAt"] = Gid.Timestamp(o.UpdatedAt),
        ["test"] = o.Test,
        ["cancelledAt"] = o.CancelledAt is { } cancelled ? Gid.Timestamp(cancelled) : null,
        ["cancelReason"] = o.CancelledAt is null ? null : "CUSTOMER",
        ["displayFinancialStatus"] = o.FinancialStatus.ToUpperInvariant(),
        ["displayFulfillmentStatus"] = "UNFULFILLED",
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
        ["refunds"] = Gid.Array(o.Refunds.Select(r => (JsonNode?)new JsonObject
        {
            ["id"] = Gid.Of("Refund", r.Id),
            ["createdAt"] = Gid.Timestamp(r.CreatedAt),
            ["refundLineItems"] = new JsonObject
            {
                ["nodes"] = Gid.Array(r.Lines.Select(l => (JsonNode?)new JsonObject
                {
                    ["id"] = Gid.Of("RefundLineItem", l.Id),
                    ["quantity"] = l.Quantity,
                    ["restockType"] = l.RestockType.ToUpperInvariant(),
                    ["restocked"] = l.RestockType != "no_restock",
                    ["lineItem"] = new JsonObject { ["id"] = Gid.Of("LineItem", l.LineItemId), ["sku"] = o.Lines.FirstOrDefault(x => x.Id == l.LineItemId)?.Sku },
                })),
            },
        })),
    };

    /// <summary>The REST order as the order webhooks carry it (the fields the integration reads, shaped as Shopify documents them).</summary>
    public static JsonObject Rest(SandboxOrder order) => new()
    {
        ["id"] = order.Id,
        ["admin_graphql_api_id"] = Gid.Of("Order", order.Id),
        ["created_at"] = Gid.Timestamp(order.CreatedAt),
        ["updated_at"] = Gid.Timestamp(order.UpdatedAt),
        ["currency"] = order.Currency,
        ["test"] = order.Test,
        ["financial_status"] = order.FinancialStatus,
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
        ["refunds"] = Gid.Array(order.Refunds.Select(r => (JsonNode?)RestRefund(order, r))),
    };

    /// <summary>A refund as REST shows it (<c>refund_line_items</c> with <c>restock_type</c>).</summary>
    public static JsonObject RestRefund(SandboxOrder order, SandboxRefund refund) => new()
    {
        ["id"] = refund.Id,
        ["order_id"] = order.Id,
        ["created_at"] = Gid.Timestamp(refund.CreatedAt),
        ["restock"] = refund.Lines.Any(l => l.RestockType != "no_restock"),
        ["refund_line_items"] = Gid.Array(refund.Lines.Select(l => (JsonNode?)new JsonObject
        {
            ["id"] = l.Id,
            ["line_item_id"] = l.LineItemId,
            ["quantity"] = l.Quantity,
            ["restock_type"] = l.RestockType,
        })),
    };
}
