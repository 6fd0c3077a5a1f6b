using System.Globalization;
using System.Text.Json;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>Reads the inner HTTP responses of a <c>$batch</c> <c>multipart/mixed</c> response.</summary>
internal static class TableBatchResponse
{
    public sealed record Part(int Status, string Reason, string? ETag, string Body);

    public static List<Part> Parse(string content)
    {
        var parts = new List<Part>();
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var statusLine = lines[i].Split(' ', 3);
            var status = int.Parse(statusLine[1], CultureInfo.InvariantCulture);
            string? etag = null;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i][..colon].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(colon + 1)..].Trim();
                }
            }

            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            i--;
            parts.Add(new Part(status, statusLine.Length > 2 ? statusLine[2] : string.Empty, etag, string.Join('\n', body).Trim()));
        }

        return parts;
    }

    public static (string? Code, string? Message) ParseError(string body)
    {
        if (!body.StartsWith('{'))
        {
            return (null, body.Length == 0 ? null : body);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("odata.error", out var error))
            {
                return (null, body);
            }

            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            string? message = null;
            if (error.TryGetProperty("message", out var m))
            {
                message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, body);
        }
    }

    /// <summary>The service prefixes a failed operation's message with its index: <c>"2:The specified entity already exists."</c>.</summary>
    public static int? ParseFailedIndex(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
