using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

public sealed partial class ShopwareSandboxState
{
    /// <summary>Sandbox-only: a customer orders <paramref name="quantity"/> of the product numbered <paramref name="sku"/> (its stock drops).</summary>
    public JsonObject CreateOrder(string sku, int quantity)
    {
        lock (_gate)
        {
            var product = Rows("product").Values.FirstOrDefault(p => p["productNumber"]?.GetValue<string>() == sku)
                ?? throw new InvalidOperationException($"No product numbered {sku}.");
            product["stock"] = (product["stock"]?.GetValue<int>() ?? 0) - quantity;
            product["updatedAt"] = Iso(Now);
            var gross = product["price"] is JsonArray { Count: > 0 } prices ? prices[0]!["gross"]!.GetValue<decimal>() : 0m;
            var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            var order = new JsonObject
            {
                ["id"] = id,
                ["orderNumber"] = (++_orderNumber).ToString(CultureInfo.InvariantCulture),
                ["orderDateTime"] = Iso(Now),
                ["createdAt"] = Iso(Now),
                ["updatedAt"] = null,
                ["amountTotal"] = gross * quantity,
                ["currency"] = new JsonObject { ["isoCode"] = "EUR", ["apiAlias"] = "currency" },
                ["stateMachineState"] = new JsonObject { ["technicalName"] = "open", ["apiAlias"] = "state_machine_state" },
                ["transactions"] = new JsonArray(new JsonObject
                {
                    ["id"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ["createdAt"] = Iso(Now),
                    ["stateMachineState"] = new JsonObject { ["technicalName"] = "open", ["apiAlias"] = "state_machine_state" }, ["apiAlias"] = "order_transaction",
                }),
                ["lineItems"] = new JsonArray(new JsonObject
                {
                    ["id"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ["type"] = "product", ["productId"] = product["id"]!.DeepClone(),
                    ["referencedId"] = product["id"]!.DeepClone(), ["label"] = product["name"]?.DeepClone(), ["quantity"] = quantity, ["unitPrice"] = gross,
                    ["totalPrice"] = gross * quantity, ["payload"] = new JsonObject { ["productNumber"] = sku }, ["apiAlias"] = "order_line_item",
                }),
            };
            Rows("order")[id] = order;
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>
    /// The app webhook Shopware sends for <paramref name="order"/> (<paramref name="eventName"/>, e.g. <c>checkout.order.placed</c>):
    /// body and its <c>shopware-shop-signature</c> (hex HMAC-SHA256 with the installed app's shop secret, or
    /// <see cref="ShopwareSandboxOptions.AppSecret"/> before an app is installed).
    /// </summary>
    public (byte[] Body, string Signature) AppWebhook(JsonObject order, string eventName = "checkout.order.placed")
    {
        ArgumentNullException.ThrowIfNull(order);
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["data"] = new JsonObject { ["payload"] = new JsonObject { ["order"] = order.DeepClone() }, ["event"] = eventName },
            ["source"] = new JsonObject { ["url"] = "http://sandbox.shopware", ["appVersion"] = "1.0.0", ["shopId"] = options.ShopId, ["eventId"] = Guid.NewGuid().ToString("N") },
            ["timestamp"] = Now.ToUnixTimeSeconds(),
        }.ToJsonString());
        return (body, ShopwareSandboxApp.Sign(App?.ShopSecret ?? options.AppSecret, body));
    }

    /// <summary>Sandbox-only: the order is cancelled (state <c>cancelled</c>, <c>updatedAt</c> now) and, as Shopware does, its products' stock goes back up.</summary>
    public JsonObject? CancelOrder(string id)
    {
        lock (_gate)
        {
            if (!Rows("order").TryGetValue(id, out var order))
            {
                return null;
            }

            if (order["stateMachineState"]?["technicalName"]?.ToString() != "cancelled")
            {
                foreach (var line in (order["lineItems"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (line["productId"]?.ToString() is { } productId && Rows("product").TryGetValue(productId, out var product))
                    {
                        product["stock"] = (product["stock"]?.GetValue<int>() ?? 0) + (line["quantity"]?.GetValue<int>() ?? 0);
                        product["updatedAt"] = Iso(Now);
                    }
                }
            }

            order["stateMachineState"] = new JsonObject { ["technicalName"] = "cancelled", ["apiAlias"] = "state_machine_state" };
            order["updatedAt"] = Iso(Now);
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>
    /// Sandbox-only: the order's payment transaction moves to <paramref name="state"/> (<c>paid</c>, <c>refunded</c>,
    /// <c>cancelled</c>, ...; <c>updatedAt</c> now). As in Shopware, a payment state alone does not change stock.
    /// </summary>
    public JsonObject? SetTransactionState(string id, string state)
    {
        lock (_gate)
        {
            if (!Rows("order").TryGetValue(id, out var order) || order["transactions"] is not JsonArray { Count: > 0 } transactions)
            {
                return null;
            }

            transactions[^1]!["stateMachineState"] = new JsonObject { ["technicalName"] = state, ["apiAlias"] = "state_machine_state" };
            order["updatedAt"] = Iso(Now);
            return (JsonObject)order.DeepClone();
        }
    }
}
