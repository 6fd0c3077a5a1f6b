using System.Globalization;
using System.Text.Json;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// The readable parts of a Notification API push (<c>{metadata:{topic,...}, notification:{notificationId, eventDate,
/// data:{...}}}</c>, as in eBay's AsyncAPI contracts): what the endpoint needs to route and record it. Reading it
/// verifies nothing; check <c>X-EBAY-SIGNATURE</c> with <see cref="EbayNotificationVerifier"/> first.
/// </summary>
/// <param name="Topic">The topic (<c>MARKETPLACE_ACCOUNT_DELETION</c>, <c>ORDER_CONFIRMATION</c>, ...).</param>
/// <param name="NotificationId">eBay's id of the notification (the same on a redelivery).</param>
/// <param name="EventDate">When the event happened, as eBay reports it.</param>
/// <param name="UserId">For account deletion: the eBay user's immutable id (<c>data.userId</c>).</param>
/// <param name="OrderId">For order topics: <c>data.orderId</c>.</param>
public sealed record EbayNotificationEnvelope(string? Topic, string? NotificationId, DateTimeOffset? EventDate, string? UserId, string? OrderId)
{
    /// <summary>Reads <paramref name="body"/>; null when it is not a JSON object.</summary>
    public static EbayNotificationEnvelope? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var topic = String(Child(root, "metadata"), "topic");
            var notification = Child(root, "notification");
            var data = Child(notification, "data");
            var eventDate = DateTimeOffset.TryParse(String(notification, "eventDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            return new EbayNotificationEnvelope(topic, String(notification, "notificationId"), eventDate, String(data, "userId"), String(data, "orderId"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? String(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
