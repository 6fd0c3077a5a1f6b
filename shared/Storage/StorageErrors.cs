using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Turns failed storage responses into <see cref="RequestFailedException"/> with the HTTP status and the
/// storage error code (<c>x-ms-error-code</c>, or the XML/JSON error body), and classifies them without
/// string matching.
/// </summary>
public static class StorageErrors
{
    /// <summary>True for 412 Precondition Failed (an If-Match/If-None-Match ETag condition did not hold).</summary>
    public static bool IsPreconditionFailed(this RequestFailedException exception) => exception.Status == 412;

    /// <summary>True for 409 Conflict (already exists, lease held, batch conflict).</summary>
    public static bool IsConflict(this RequestFailedException exception) => exception.Status == 409;

    /// <summary>True for 404 Not Found.</summary>
    public static bool IsNotFound(this RequestFailedException exception) => exception.Status == 404;

    /// <summary>
    /// True when a concurrent writer changed the resource first: 412, or a 409 for an insert whose
    /// key already exists (the Table service's optimistic-concurrency signal for inserts).
    /// </summary>
    public static bool IsConcurrencyConflict(this RequestFailedException exception) =>
        exception.Status == 412 || (exception.Status == 409 && exception.ErrorCode is "EntityAlreadyExists" or "BlobAlreadyExists");

    /// <summary>Builds the exception for a non-success response, reading its body if it was buffered.</summary>
    public static RequestFailedException CreateException(Azure.Response response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.TryGetValue("x-ms-error-code", out var errorCode);
        string? detail = null;
        try
        {
            var body = response.ContentStream is { CanSeek: true } stream ? BinaryData.FromStream(Rewind(stream)).ToString() : null;
            if (!string.IsNullOrWhiteSpace(body))
            {
                (var bodyCode, detail) = ParseBody(body);
                errorCode ??= bodyCode;
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            // An unreadable error body still leaves status and header code to report.
        }

        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var message = $"Storage {operation} failed with {response.Status} {response.ReasonPhrase}" +
            (errorCode is null ? string.Empty : $" ({errorCode})") +
            (detail is null ? string.Empty : $": {detail.Split('\n')[0]}") +
            (requestId is null ? string.Empty : $" [request id {requestId}]");
        return new RequestFailedException(response.Status, message, errorCode, null);
    }

    private static Stream Rewind(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static (string? Code, string? Message) ParseBody(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('<'))
        {
            var root = XDocument.Parse(trimmed).Root;
            return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
        }

        if (trimmed.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(trimmed);
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString())
                    : null;
                return (code, message);
            }
        }

        return (null, null);
    }
}
