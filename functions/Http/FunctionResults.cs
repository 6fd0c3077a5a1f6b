using System.Text.Json;

namespace Marketplace.Functions.Http;

/// <summary>The responses of the HTTP functions: JSON in web casing, RFC 9457 problems (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>).</summary>
internal static class FunctionResults
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static IResult Json<T>(int statusCode, T value) => Results.Json(value, JsonOptions, "application/json; charset=utf-8", statusCode);

    // The one RFC 9457 shape of every 4xx: type, title, status, detail and, where fields are at fault, errors by field.
    public static IResult Problem(int statusCode, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (errors is { Count: > 0 })
        {
            members["errors"] = errors;
        }

        return Results.Problem(detail ?? title, statusCode: statusCode, title: title, extensions: members);
    }

    /// <summary>A problem with one field at fault: <c>errors</c> names it (and <c>field</c>, as older clients read).</summary>
    public static IResult FieldProblem(int statusCode, string title, string field, string detail) =>
        Problem(statusCode, title, detail, new Dictionary<string, string[]> { [field] = [detail] }, new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A 400 listing every field at fault; the detail repeats the first few messages so a one-line client still says why.</summary>
    public static IResult ValidationProblem(IReadOnlyDictionary<string, string[]> errors, string title = "The request is invalid.") =>
        Problem(StatusCodes.Status400BadRequest, title,
            string.Join(" ", errors.Take(3).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), errors);

    /// <summary>A 400 for a body that does not parse: <c>errors</c> names the JSON path at fault.</summary>
    public static IResult JsonProblem(JsonException exception, string title) =>
        FieldProblem(StatusCodes.Status400BadRequest, title, JsonField(exception), Describe(exception));

    /// <summary>A 400 for a <see cref="Shared.Catalog.CatalogValidationException"/>: its errors by field.</summary>
    public static IResult ValidationProblem(Shared.Catalog.CatalogValidationException exception, string title) =>
        ValidationProblem(exception.Errors, title);

    /// <summary>What a <see cref="JsonException"/> says about the input, without .NET type names: where it failed and why in words.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1})" : string.Empty;
        return exception.Path is { Length: > 1 } path && path != "$"
            ? $"The value at '{JsonField(exception)}' has the wrong type or format{where}."
            : $"The body is not valid JSON{where}.";
    }

    /// <summary>The field a <see cref="JsonException"/> points at (<c>body</c> for the document itself).</summary>
    public static string JsonField(JsonException exception) =>
        string.IsNullOrEmpty(exception?.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');

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

    public static IResult TooLarge() => TooLarge(MaxBodyBytes);

    public static IResult TooLarge(long limit) => FunctionResults.FieldProblem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body",
        $"The body is larger than {limit} bytes.");

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
