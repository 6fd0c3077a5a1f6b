using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

public sealed partial class EbaySandboxState
{
    private readonly List<JsonObject> _returns = [];

    /// <summary>
    /// The buyer returns <paramref name="quantity"/> units of <paramref name="sku"/> from the order: a Post-Order
    /// <c>ReturnSummaryType</c> (MONEY_BACK). <paramref name="refunded"/> completes it (state CLOSED, status CLOSED, the
    /// refund issued); otherwise it stays open (RETURN_REQUESTED). Null when the order has no line of the SKU.
    /// </summary>
    public JsonObject? CreateReturn(string orderId, string sku, int quantity, bool refunded = true)
    {
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => o["orderId"]!.GetValue<string>() == orderId);
            var line = (order?["lineItems"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(l => l["sku"]?.GetValue<string>() == sku);
            if (line is null)
            {
                return null;
            }

            var cost = decimal.Parse(line["lineItemCost"]!["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var amount = Math.Round(cost / line["quantity"]!.GetValue<int>() * quantity, 2);
            var currency = line["lineItemCost"]!["currency"]!.GetValue<string>();
            var refund = new JsonObject { ["estimatedRefundAmount"] = new JsonObject { ["value"] = amount, ["currency"] = currency } };
            if (refunded)
            {
                refund["actualRefundAmount"] = new JsonObject { ["value"] = amount, ["currency"] = currency };
            }

            var request = new JsonObject
            {
                ["returnId"] = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["orderId"] = orderId,
                ["buyerLoginName"] = "sandbox_buyer",
                ["sellerLoginName"] = "sandbox_seller",
                ["currentType"] = "MONEY_BACK",
                ["state"] = refunded ? "CLOSED" : "RETURN_REQUESTED",
                ["status"] = refunded ? "CLOSED" : "RETURN_REQUESTED",
                ["creationInfo"] = new JsonObject
                {
                    ["item"] = new JsonObject
                    {
                        ["itemId"] = line["legacyItemId"]?.DeepClone(),
                        ["transactionId"] = line["lineItemId"]!.DeepClone(),
                        ["returnQuantity"] = quantity,
                    },
                    ["type"] = "MONEY_BACK",
                    ["reason"] = "NO_LONGER_NEED_ITEM",
                    ["creationDate"] = new JsonObject { ["value"] = Iso(time.GetUtcNow()) },
                },
                ["sellerTotalRefund"] = refund,
            };
            _returns.Add(request);
            return (JsonObject)request.DeepClone();
        }
    }

    /// <summary>Return requests opened at or after <paramref name="createdFrom"/> (and before <paramref name="createdTo"/>), oldest first.</summary>
    public IReadOnlyList<JsonObject> ReturnsCreated(DateTimeOffset createdFrom, DateTimeOffset? createdTo)
    {
        lock (_gate)
        {
            return [.. _returns.Where(r =>
                {
                    var created = DateTimeOffset.Parse(r["creationInfo"]!["creationDate"]!["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                    return created >= createdFrom && (createdTo is null || created <= createdTo);
                })
                .Select(r => (JsonObject)r.DeepClone())];
        }
    }
}
