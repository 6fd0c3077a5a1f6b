using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

public sealed partial class EbaySandboxState
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Dictionary<string, JsonObject> _publicKeys = new(StringComparer.Ordinal);

    /// <summary>Key id of the sandbox's own notification signing key.</summary>
    public string SigningKeyId { get; } = Guid.NewGuid().ToString();

    /// <summary>A buyer checks out: records an order with one line per (sku, quantity, unit price) and takes the stock.</summary>
    public JsonObject CreateOrder(IEnumerable<(string Sku, int Quantity, decimal UnitPrice)> lines, string currency = "EUR")
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var orderId = $"{++_nextId % 100}-{++_nextId}-{++_nextId % 100000}";
            var items = new JsonArray();
            foreach (var (sku, quantity, unitPrice) in lines)
            {
                var offer = _offers.Values.FirstOrDefault(o => o.Sku == sku);
                items.Add(new JsonObject
                {
                    ["lineItemId"] = (++_nextId).ToString(CultureInfo.InvariantCulture),
                    ["legacyItemId"] = offer?.ListingId,
                    ["sku"] = sku,
                    ["title"] = _items.TryGetValue(sku, out var item) ? item["product"]?["title"]?.GetValue<string>() : sku,
                    ["quantity"] = quantity,
                    ["lineItemCost"] = new JsonObject { ["value"] = (unitPrice * quantity).ToString("0.00", CultureInfo.InvariantCulture), ["currency"] = currency },
                });
                if (item?["availability"]?["shipToLocationAvailability"] is JsonObject ship)
                {
                    ship["quantity"] = Math.Max(0, (ship["quantity"]?.GetValue<int>() ?? 0) - quantity);
                }
            }

            var order = new JsonObject
            {
                ["orderId"] = orderId,
                ["creationDate"] = Iso(now),
                ["lastModifiedDate"] = Iso(now),
                ["orderFulfillmentStatus"] = "NOT_STARTED",
                ["orderPaymentStatus"] = "PAID",
                ["cancelStatus"] = new JsonObject { ["cancelState"] = "NONE_REQUESTED" },
                ["lineItems"] = items,
            };
            _orders.Add(order);
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>
    /// The seller cancels the order (or the buyer's cancellation is approved): <c>cancelStatus.cancelState</c> CANCELED,
    /// payment FULLY_REFUNDED, <c>lastModifiedDate</c> now (so the order shows up again in a modified-since poll) and the
    /// units go back to the inventory item. False when there is no such order or it is cancelled already.
    /// </summary>
    public bool CancelOrder(string orderId)
    {
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => o["orderId"]!.GetValue<string>() == orderId);
            if (order is null || order["cancelStatus"]?["cancelState"]?.GetValue<string>() == "CANCELED")
            {
                return false;
            }

            var now = Iso(time.GetUtcNow());
            order["cancelStatus"] = new JsonObject
            {
                ["cancelState"] = "CANCELED",
                ["cancelRequests"] = new JsonArray(new JsonObject { ["cancelReason"] = "BUYER_ASKED_CANCEL", ["cancelRequestState"] = "COMPLETED", ["cancelCompletedDate"] = now }),
            };
            order["orderPaymentStatus"] = "FULLY_REFUNDED";
            order["lastModifiedDate"] = now;
            foreach (var line in order["lineItems"]!.AsArray().OfType<JsonObject>())
            {
                if (_items.TryGetValue(line["sku"]!.GetValue<string>(), out var item) && item["availability"]?["shipToLocationAvailability"] is JsonObject ship)
                {
                    ship["quantity"] = (ship["quantity"]?.GetValue<int>() ?? 0) + line["quantity"]!.GetValue<int>();
                }
            }

            return true;
        }
    }

    /// <summary>The inventory item's ship-to-location quantity of <paramref name="sku"/> (null when there is no item).</summary>
    public int? QuantityOf(string sku)
    {
        lock (_gate)
        {
            return _items.TryGetValue(sku, out var item) ? item["availability"]?["shipToLocationAvailability"]?["quantity"]?.GetValue<int>() : null;
        }
    }

    public JsonObject? GetOrder(string orderId)
    {
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o["orderId"]!.GetValue<string>() == orderId)?.DeepClone() as JsonObject;
        }
    }

    public IReadOnlyList<JsonObject> OrdersModifiedSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            return _orders
                .Where(o => DateTimeOffset.Parse(o["lastModifiedDate"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
        }
    }

    /// <summary>Serves an extra public key (for example the one published with eBay's SDK test vectors).</summary>
    public void RegisterPublicKey(string keyId, string pemKey, string algorithm = "ECDSA", string digest = "SHA1")
    {
        lock (_gate)
        {
            _publicKeys[keyId] = new JsonObject { ["key"] = pemKey, ["algorithm"] = algorithm, ["digest"] = digest };
        }
    }

    public JsonObject? GetPublicKey(string keyId)
    {
        if (keyId == SigningKeyId)
        {
            var pem = "-----BEGIN PUBLIC KEY-----" + Convert.ToBase64String(_signingKey.ExportSubjectPublicKeyInfo()) + "-----END PUBLIC KEY-----";
            return new JsonObject { ["key"] = pem, ["algorithm"] = "ECDSA", ["digest"] = "SHA1" };
        }

        lock (_gate)
        {
            return _publicKeys.TryGetValue(keyId, out var key) ? (JsonObject)key.DeepClone() : null;
        }
    }

    /// <summary>
    /// Builds a Notification API push for <paramref name="topic"/> with <paramref name="data"/>, signed like eBay:
    /// returns the body bytes and the <c>X-EBAY-SIGNATURE</c> header (base64 JSON with alg, kid, signature, digest).
    /// </summary>
    public (byte[] Body, string Signature) CreateNotification(string topic, JsonObject data)
    {
        var now = time.GetUtcNow();
        var message = new JsonObject
        {
            ["metadata"] = new JsonObject { ["topic"] = topic, ["schemaVersion"] = "1.0", ["deprecated"] = false },
            ["notification"] = new JsonObject
            {
                ["notificationId"] = Guid.NewGuid().ToString(),
                ["eventDate"] = Iso(now),
                ["publishDate"] = Iso(now),
                ["publishAttemptCount"] = 1,
                ["data"] = data,
            },
        };
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var signature = _signingKey.SignData(body, HashAlgorithmName.SHA1, DSASignatureFormat.Rfc3279DerSequence);
        var header = JsonSerializer.Serialize(new { alg = "ecdsa", kid = SigningKeyId, signature = Convert.ToBase64String(signature), digest = "SHA1" });
        return (body, Convert.ToBase64String(Encoding.UTF8.GetBytes(header)));
    }

    /// <summary>The <c>ORDER_CONFIRMATION</c> push eBay sends for an order (one per line item in reality; one per order here).</summary>
    public (byte[] Body, string Signature) CreateOrderConfirmation(string orderId) =>
        CreateNotification("ORDER_CONFIRMATION", new JsonObject { ["orderId"] = orderId });

    internal static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
