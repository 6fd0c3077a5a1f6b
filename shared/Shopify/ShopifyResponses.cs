using System.Net;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

/// <summary>Reads the parts every Admin API response shares: cost, top-level errors, userErrors.</summary>
internal static class ShopifyResponses
{
    public const string StaleQuantityCode = "CHANGE_FROM_QUANTITY_STALE";

    public static ShopifyQueryCost? ReadCost(JsonElement root)
    {
        if (!root.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("cost", out var cost)
            || !cost.TryGetProperty("throttleStatus", out var status))
        {
            return null;
        }

        var actual = cost.TryGetProperty("actualQueryCost", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : (double?)null;
        return new ShopifyQueryCost(
            cost.GetProperty("requestedQueryCost").GetDouble(),
            actual,
            new ShopifyThrottleStatus(
                status.GetProperty("maximumAvailable").GetDouble(),
                status.GetProperty("currentlyAvailable").GetDouble(),
                status.GetProperty("restoreRate").GetDouble()));
    }

    public static bool IsThrottled(JsonElement errors) =>
        errors.EnumerateArray().Any(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) && code.GetString() == "THROTTLED");

    public static Marketplaces.MarketplaceException ErrorsException(string operation, JsonElement errors, ShopifyQueryCost? cost, bool throttled, string? requestId, string raw)
    {
        var messages = string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString()));
        if (throttled)
        {
            TimeSpan? wait = cost is null
                ? null
                : TimeSpan.FromSeconds(Math.Max(0.05, (cost.RequestedQueryCost - cost.ThrottleStatus.CurrentlyAvailable) / cost.ThrottleStatus.RestoreRate));
            return new ShopifyThrottledException($"Shopify throttled {operation}: {messages}", wait, HttpStatusCode.OK, requestId, raw) { Cost = cost };
        }

        return new ShopifyException($"Shopify rejected {operation}: {messages}", HttpStatusCode.OK, requestId, raw);
    }

    /// <summary>Throws when <c>payload.userErrors</c> is non-empty; stale compare-and-set becomes a conflict.</summary>
    public static void ThrowOnUserErrors(string mutation, JsonElement payload)
    {
        var errors = ReadUserErrors(payload);
        if (errors.Count == 0)
        {
            return;
        }

        if (errors.Any(e => e.Code == StaleQuantityCode))
        {
            throw new ShopifyInventoryConflictException(mutation, errors, payload.ToString());
        }

        throw new ShopifyUserErrorException(mutation, errors, payload.ToString());
    }

    public static IReadOnlyList<ShopifyUserError> ReadUserErrors(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("userErrors", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var errors = new List<ShopifyUserError>();
        foreach (var error in list.EnumerateArray())
        {
            var field = error.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Array
                ? f.EnumerateArray().Select(p => p.ToString()).ToArray()
                : [];
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            errors.Add(new ShopifyUserError(field, error.GetProperty("message").GetString() ?? string.Empty, code));
        }

        return errors;
    }

    public static string? OptionalString(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
