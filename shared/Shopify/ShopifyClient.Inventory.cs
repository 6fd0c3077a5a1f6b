using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    private string? _locationId;

    /// <summary>The managed location: <see cref="ShopifyClientOptions.LocationId"/> or the shop's first location.</summary>
    public async Task<string> GetLocationIdAsync(CancellationToken cancellationToken = default)
    {
        if ((_locationId ??= Options.LocationId) is { } known)
        {
            return known;
        }

        var data = await ExecuteAsync("locations", ShopifyDocuments.Locations, w => w.WriteNumber("first", 1), cancellationToken);
        var first = ShopifyProductReader.Nodes(data.GetProperty("locations")).FirstOrDefault();
        _locationId = first.ValueKind == JsonValueKind.Object ? first.OptionalString("id") : null;
        return _locationId ?? throw new ShopifyException($"Shop {Options.ShopDomain} has no location to hold inventory.");
    }

    /// <summary>The available quantity of an inventory item at a location (null when it is not stocked there).</summary>
    public async Task<int?> GetAvailableQuantityAsync(string inventoryItemId, string locationId, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("inventoryItem", ShopifyDocuments.InventoryLevel, w =>
        {
            w.WriteString("id", inventoryItemId);
            w.WriteString("locationId", locationId);
        }, cancellationToken);
        var item = data.GetProperty("inventoryItem");
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("inventoryLevel", out var level) || level.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return level.GetProperty("quantities").EnumerateArray().Where(q => q.OptionalString("name") == "available").Select(q => q.GetProperty("quantity").GetInt32()).FirstOrDefault();
    }

    /// <summary>
    /// Sets the available quantity with compare-and-set (<c>inventorySetQuantities</c>, <c>changeFromQuantity</c>):
    /// applied only if Shopify still holds <paramref name="expectedQuantity"/>. Safe to retry: a retry of an applied
    /// set fails the comparison instead of applying twice.
    /// </summary>
    /// <exception cref="ShopifyInventoryConflictException">The quantity changed since it was read (CHANGE_FROM_QUANTITY_STALE).</exception>
    public async Task SetAvailableQuantityAsync(string inventoryItemId, string locationId, int quantity, int? expectedQuantity, string reason = "correction", CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("inventorySetQuantities", ShopifyDocuments.InventorySet, w =>
        {
            w.WriteStartObject("input");
            w.WriteString("name", "available");
            w.WriteString("reason", reason);
            w.WriteStartArray("quantities");
            w.WriteStartObject();
            w.WriteString("inventoryItemId", inventoryItemId);
            w.WriteString("locationId", locationId);
            w.WriteNumber("quantity", quantity);
            if (expectedQuantity is { } expected)
            {
                w.WriteNumber("changeFromQuantity", expected);
            }
            else
            {
                w.WriteNull("changeFromQuantity"); // explicit opt-out; omitting the field is an error from 2026-04
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken);
        ShopifyResponses.ThrowOnUserErrors("inventorySetQuantities", data.GetProperty("inventorySetQuantities"));
    }

    /// <summary>
    /// Adjusts the available quantity by <paramref name="delta"/> with <c>inventoryAdjustQuantities</c> and the
    /// <c>@idempotent</c> directive keyed by <see cref="IdempotencyKey"/>(<paramref name="ledgerEventId"/>): however often
    /// the call (or the activity around it) is retried, Shopify applies it once.
    /// </summary>
    public async Task AdjustAvailableQuantityAsync(string inventoryItemId, string locationId, int delta, string ledgerEventId, string reason = "correction", CancellationToken cancellationToken = default)
    {
        var document = ShopifyDocuments.InventoryAdjust.Replace("{0}", IdempotencyKey(ledgerEventId), StringComparison.Ordinal);
        var data = await ExecuteAsync("inventoryAdjustQuantities", document, w =>
        {
            w.WriteStartObject("input");
            w.WriteString("name", "available");
            w.WriteString("reason", reason);
            w.WriteStartArray("changes");
            w.WriteStartObject();
            w.WriteString("inventoryItemId", inventoryItemId);
            w.WriteString("locationId", locationId);
            w.WriteNumber("delta", delta);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken);
        ShopifyResponses.ThrowOnUserErrors("inventoryAdjustQuantities", data.GetProperty("inventoryAdjustQuantities"));
    }

    /// <summary>A stable UUID-formatted idempotency key for a ledger event id (name-based, SHA-256).</summary>
    public static string IdempotencyKey(string ledgerEventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledgerEventId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("shopify-inventory:" + ledgerEventId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }
}
