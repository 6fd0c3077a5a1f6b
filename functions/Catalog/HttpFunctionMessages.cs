using System.Text;
using System.Text.Json;

namespace Marketplace.Functions.Catalog;

/// <summary>An HTTP request as a function sees it: the raw body bytes (signatures are checked over them), headers case-insensitive.</summary>
internal sealed record HttpFunctionRequest(
    string Method,
    Uri Url,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string> Params,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    public string? Param(string name) => Params.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An HTTP response from a function (the host's <c>res</c> output: <c>statusCode</c>, <c>headers</c>, <c>body</c>).</summary>
internal sealed record HttpFunctionResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static HttpFunctionResponse Json<T>(int statusCode, T value) =>
        new(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, JsonOptions));

    public static HttpFunctionResponse Text(int statusCode, string text, string contentType = "text/plain; charset=utf-8") =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(text));

    /// <summary>An RFC 9457 problem body.</summary>
    public static HttpFunctionResponse Problem(int statusCode, string title, string? detail = null) =>
        new(statusCode, "application/problem+json", JsonSerializer.SerializeToUtf8Bytes(new { status = statusCode, title, detail }, JsonOptions));
}
