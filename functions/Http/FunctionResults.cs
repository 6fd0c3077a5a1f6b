using System.Text.Json;

namespace Marketplace.Functions.Http;

/// <summary>The responses of the HTTP functions: JSON in web casing, RFC 9457 problems (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>).</summary>
internal static class FunctionResults
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static IResult Json<T>(int statusCode, T value) => Results.Json(value, JsonOptions, "application/json; charset=utf-8", statusCode);

    // The same RFC 9457 shape as the admin API's problems (type, title, status, detail), so clients read one format.
    public static IResult Problem(int statusCode, string title, string? detail = null) =>
        Results.Problem(detail, statusCode: statusCode, title: title);

    public static IResult Text(int statusCode, string text, string contentType = "text/plain; charset=utf-8") =>
        Results.Text(text, contentType, System.Text.Encoding.UTF8, statusCode);
}

/// <summary>Reading a request as the webhook handlers need it: the raw body bytes (signatures are checked over them) and the headers.</summary>
internal static class FunctionRequests
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The body's bytes, or null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    public static IResult TooLarge() => FunctionResults.Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes.");

    /// <summary>The headers (case-insensitive), without <paramref name="dropped"/>.</summary>
    public static Dictionary<string, string[]> HeadersWithout(this HttpRequest request, IReadOnlySet<string> dropped) =>
        request.Headers.Where(h => !dropped.Contains(h.Key))
            .ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The first value of each query parameter (case-insensitive names).</summary>
    public static IReadOnlyDictionary<string, string> QueryValues(this HttpRequest request) =>
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public static string? Header(this HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
