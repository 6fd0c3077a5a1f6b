using System.Globalization;
using System.Text.Json;
using Marketplace.Functions.Http;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Functions.Admin;

/// <summary>Request and response plumbing of the catalog admin API: JSON in the catalog's shape, actor headers, problem details.</summary>
internal static class CatalogAdminHttp
{
    /// <summary>Header naming who acts (default <c>admin</c>).</summary>
    public const string ActorHeader = "X-Actor";

    /// <summary>Response header with the cursor of the next page of a list answered as a JSON array.</summary>
    public const string NextCursorHeader = "X-Next-Cursor";

    /// <summary>Header carrying the correlation id (a new one when absent).</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    public static CatalogActor Actor(HttpContext context) => CatalogActor.Create(
        context.Request.Headers[ActorHeader].FirstOrDefault() ?? "admin",
        context.Request.Headers[CorrelationHeader].FirstOrDefault());

    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, CatalogJson.Options, statusCode: status);

    /// <summary>Reads the body as <typeparamref name="T"/>; a malformed body is a validation error naming the JSON path at fault.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 || !(request.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw CatalogValidationException.For("body", "Send a JSON body with Content-Type: application/json.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, CatalogJson.Options, cancellationToken)
                ?? throw CatalogValidationException.For("body", "The body is null.");
        }
        catch (JsonException ex)
        {
            throw CatalogValidationException.For(FunctionResults.JsonField(ex), FunctionResults.Describe(ex));
        }
    }

    public static TEnum? Enum<TEnum>(string? value, string parameter)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<TEnum>($"\"{value.Trim().ToUpperInvariant().Replace("\"", string.Empty, StringComparison.Ordinal)}\"", CatalogJson.Options);
            if (System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.Trim()[0]))
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
            // Falls through to the error naming the accepted values.
        }

        throw CatalogValidationException.For(parameter, $"'{value}' is not one of {string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => JsonSerializer.Serialize(v, CatalogJson.Options).Trim('"')))}.");
    }

    public static Platform? Platform(string? value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? null
        : PlatformNames.TryParse(value, out var platform) ? platform
        : throw CatalogValidationException.For(parameter, $"'{value}' is not a platform; platforms are {PlatformNames.Expected}.");

    public static DateTimeOffset? Time(string? value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw CatalogValidationException.For(parameter, $"'{value}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z.");

    public static bool? Bool(string? value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? null
        : bool.TryParse(value, out var b) ? b
        : throw CatalogValidationException.For(parameter, $"'{value}' is not true or false.");

    public static int Int(string? value, string parameter, int fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : throw CatalogValidationException.For(parameter, $"'{value}' is not a whole number.");

    /// <summary>Maps catalog failures to RFC 9457 problem details with <c>errors</c> by field.</summary>
    public static async ValueTask<object?> ProblemFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // A SKU that breaks the SKU rules cannot exist (and cannot be a table key): answer 404 before touching storage.
        if (context.HttpContext.GetRouteValue("sku") is string sku && !ProductValidator.IsValidSku(sku))
        {
            return FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "Not found.", "sku",
                $"There is no product with SKU '{(sku.Length <= 64 ? sku : sku[..64] + "…")}': a SKU is 1-64 letters, digits, '.', '_' or '-'.");
        }

        try
        {
            return await next(context);
        }
        catch (CatalogValidationException ex)
        {
            return FunctionResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value));
        }
        catch (CatalogNotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found.", ex);
        }
        catch (CatalogConflictException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "Conflict with the current state.", ex);
        }
    }

    private static IResult Problem(int status, string title, CatalogException ex) =>
        ex.Field is null ? FunctionResults.Problem(status, title, ex.Message) : FunctionResults.FieldProblem(status, title, ex.Field, ex.Message);
}
