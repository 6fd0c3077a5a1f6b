using System.Text;
using System.Text.Json;
using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.Protocol;

/// <summary>
/// Converts between the host's HTTP request object (<c>Url</c>, <c>Method</c>, <c>Query</c>, <c>Headers</c>,
/// <c>Params</c>, <c>Body</c>, <c>Identities</c>) and <see cref="HttpFunctionRequest"/>, and renders the
/// <c>res</c> output (<c>statusCode</c>, <c>headers</c>, <c>body</c>).
/// </summary>
internal static class HttpRequestPayload
{
    public static HttpFunctionRequest Parse(JsonElement req)
    {
        if (req.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationPayloadException("Data.req is not an HTTP request object.");
        }

        var url = Property(req, "Url") is { ValueKind: JsonValueKind.String } u && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed)
            ? parsed
            : throw new InvocationPayloadException("Data.req.Url is missing or not an absolute URL.");
        var method = Property(req, "Method") is { ValueKind: JsonValueKind.String } m ? m.GetString()!.ToUpperInvariant() : "GET";
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (Property(req, "Headers") is { ValueKind: JsonValueKind.Object } h)
        {
            foreach (var header in h.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.Array
                    ? [.. header.Value.EnumerateArray().Select(Text)]
                    : [Text(header.Value)];
            }
        }

        var body = Property(req, "Body") switch
        {
            null or { ValueKind: JsonValueKind.Null } => [],
            { ValueKind: JsonValueKind.String } s => Encoding.UTF8.GetBytes(s.GetString()!),
            { } other => Encoding.UTF8.GetBytes(other.GetRawText()),
        };
        return new HttpFunctionRequest(method, url, StringMap(Property(req, "Query")), headers, StringMap(Property(req, "Params")), body);
    }

    public static HttpOutput Output(HttpFunctionResponse response)
    {
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
        if (response.ContentType is not null)
        {
            headers["Content-Type"] = response.ContentType;
        }

        return new HttpOutput(response.StatusCode, headers, Encoding.UTF8.GetString(response.Body.Span));
    }

    private static Dictionary<string, string> StringMap(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var value = element;
        if (value is { ValueKind: JsonValueKind.String } encoded)
        {
            // The host's documented example sends Query as a JSON-encoded string ("{}").
            var text = encoded.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return map;
            }

            using var document = JsonDocument.Parse(text);
            value = document.RootElement.Clone();
        }

        if (value is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? string.Join(',', property.Value.EnumerateArray().Select(Text))
                    : Text(property.Value);
            }
        }

        return map;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
