using Marketplace.Functions.Catalog;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Functions.Http;

/// <summary>
/// Serves every HTTP function on its route under <c>/api</c>: directly in standalone mode, and for requests the
/// Functions host forwards raw (<c>enableForwardingHttpRequest</c>).
/// </summary>
internal static class HttpFunctionRoutes
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        var catalog = app.ServiceProvider.GetRequiredService<FunctionCatalog>();
        foreach (var (definition, trigger) in catalog.OfTrigger<HttpTrigger>())
        {
            app.MapMethods(trigger.Pattern, [.. trigger.Methods.Select(m => m.ToUpperInvariant())], (HttpContext context) => ServeAsync(context, definition))
                .WithName(definition.Name);
        }

        return app;
    }

    private static async Task ServeAsync(HttpContext context, FunctionDefinition definition)
    {
        var request = await ReadAsync(context);
        if (request is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var dispatcher = context.RequestServices.GetRequiredService<HttpFunctionDispatcher>();
        var (response, _) = await dispatcher.DispatchAsync(definition, request, context.TraceIdentifier, context.RequestAborted);
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static async Task<HttpFunctionRequest?> ReadAsync(HttpContext context)
    {
        var http = context.Request;
        if (http.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        var query = http.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var routeValues = context.Features.Get<IRouteValuesFeature>()?.RouteValues ?? [];
        var parameters = routeValues.ToDictionary(r => r.Key, r => Convert.ToString(r.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var url = new Uri($"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}{http.QueryString}");
        return new HttpFunctionRequest(http.Method, url, query, headers, parameters, buffer.ToArray());
    }
}
