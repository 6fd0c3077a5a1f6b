using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.Protocol;

/// <summary>
/// Reads each trigger's value and metadata from the host's <c>Data</c>/<c>Metadata</c>, in the shapes Microsoft
/// documents for custom handlers (queue text + DequeueCount/Id/PopReceipt/times, blob bytes, timer info).
/// </summary>
internal static partial class TriggerPayloadParser
{
    public static JsonElement Trigger(InvocationRequest request, FunctionTrigger trigger)
    {
        if (request.Data is null || !TryGet(request.Data, trigger.BindingName, out var value))
        {
            throw new InvocationPayloadException($"Data has no '{trigger.BindingName}' value for the {trigger.GetType().Name}.");
        }

        return value;
    }

    public static QueueTriggerMessage Queue(InvocationRequest request, QueueTrigger trigger)
    {
        var value = Trigger(request, trigger);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var metadata = request.Metadata ?? [];
        return new QueueTriggerMessage(
            trigger.QueueName,
            String(metadata, "Id") ?? string.Empty,
            text,
            Number(metadata, "DequeueCount") ?? 1,
            Time(metadata, "InsertionTime"),
            Time(metadata, "ExpirationTime"),
            Time(metadata, "NextVisibleTime"),
            String(metadata, "PopReceipt"));
    }

    public static BlobTriggerInput Blob(InvocationRequest request, BlobTrigger trigger)
    {
        var value = Trigger(request, trigger);
        var metadata = request.Metadata ?? [];
        byte[] content = value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Select(b => b.GetByte())],
            JsonValueKind.String when string.Equals(trigger.DataType, "string", StringComparison.OrdinalIgnoreCase) => Encoding.UTF8.GetBytes(value.GetString()!),
            JsonValueKind.String => Base64(value.GetString()!, trigger.BindingName),
            JsonValueKind.Null => [],
            _ => Encoding.UTF8.GetBytes(value.GetRawText()),
        };
        var path = String(metadata, "BlobTrigger") ?? (trigger.Container + "/" + (String(metadata, "name") ?? string.Empty));
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = slash > 0 ? path[..slash] : trigger.Container;
        var name = slash > 0 ? path[(slash + 1)..] : path;
        string? etag = null;
        if (TryGet(metadata, "Properties", out var properties) && properties.ValueKind == JsonValueKind.Object && TryGetProperty(properties, "ETag", out var e))
        {
            etag = e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        }

        var uri = String(metadata, "Uri") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed : null;
        return new BlobTriggerInput(container, name, content, etag, uri);
    }

    public static TimerInfo Timer(InvocationRequest request, TimerTrigger trigger)
    {
        var value = Trigger(request, trigger);
        if (value.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(value.GetString()!);
            return ReadTimer(inner.RootElement.Clone());
        }

        return ReadTimer(value);
    }

    private static TimerInfo ReadTimer(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationPayloadException("The timer value is not an object.");
        }

        var pastDue = TryGetProperty(value, "IsPastDue", out var p) && p.ValueKind == JsonValueKind.True;
        ScheduleStatus? status = null;
        if (TryGetProperty(value, "ScheduleStatus", out var s) && s.ValueKind == JsonValueKind.Object)
        {
            status = new ScheduleStatus(
                PropertyTime(s, "Last") ?? DateTimeOffset.MinValue,
                PropertyTime(s, "Next") ?? DateTimeOffset.MinValue,
                PropertyTime(s, "LastUpdated") ?? DateTimeOffset.MinValue);
        }

        return new TimerInfo(status, pastDue);
    }

    private static byte[] Base64(string text, string binding)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvocationPayloadException($"Data.{binding} is not base64: binary blob content must be base64-encoded.");
        }
    }

    private static bool TryGet(Dictionary<string, JsonElement> map, string key, out JsonElement value)
    {
        if (map.TryGetValue(key, out value))
        {
            return true;
        }

        foreach (var pair in map)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        return false;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? String(Dictionary<string, JsonElement> map, string key) =>
        TryGet(map, key, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    private static long? Number(Dictionary<string, JsonElement> map, string key) =>
        TryGet(map, key, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt64(),
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    private static DateTimeOffset? Time(Dictionary<string, JsonElement> map, string key) => ParseTime(String(map, key));

    private static DateTimeOffset? PropertyTime(JsonElement element, string key) =>
        TryGetProperty(element, key, out var v) && v.ValueKind == JsonValueKind.String ? ParseTime(v.GetString()) : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
