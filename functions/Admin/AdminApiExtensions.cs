using Marketplace.Functions.Catalog;
using Marketplace.Functions.Http;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>
/// The admin JSON APIs served as ASP.NET Core endpoints: the catalog under <c>/api/admin/catalog</c> and the
/// orchestration management API (Durable's HTTP API shape) under <c>/api/admin/durabletask</c>. Both require an
/// admin key like every <c>function</c>-level route. Each also has a catch-all HTTP function so that
/// <c>function.json</c> routes its paths to this app under the Functions host, which forwards requests raw.
/// </summary>
internal static class AdminApiExtensions
{
    public const string DurableTaskPrefix = "/api/admin/durabletask";

    public static IServiceCollection AddAdminApis(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(ProductCatalog)))
        {
            services.AddCatalog();
        }

        return services.AddSingleton<AdminKeyEndpointFilter>();
    }

    /// <summary>Declares the catch-all HTTP functions of the admin API prefixes (part of the app's function definitions).</summary>
    public static IServiceCollection AddAdminApiFunctions(this IServiceCollection services)
    {
        string[] all = ["get", "post", "put", "delete"];
        return services
            .AddFunction<AdminRouteNotFoundFunction>("AdminCatalog", new HttpTrigger("admin/catalog/{*path}", all, HttpTrigger.Function))
            .AddFunction<AdminRouteNotFoundFunction>("AdminDurableTask", new HttpTrigger("admin/durabletask/{*path}", all, HttpTrigger.Function));
    }

    public static WebApplication MapAdminApis(this WebApplication app)
    {
        app.MapCatalogAdminApi().AddEndpointFilter<AdminKeyEndpointFilter>();
        if (app.Services.GetService<DurableTaskClient>() is not null)
        {
            app.MapDurableManagementEndpoints(DurableTaskPrefix).AddEndpointFilter<AdminKeyEndpointFilter>();
        }

        return app;
    }
}

/// <summary>Rejects a request without a valid admin key (<c>x-functions-key</c> or <c>?code=</c>) with 401 problem details.</summary>
internal sealed class AdminKeyEndpointFilter(AdminKeyValidator keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        keys.IsAuthorized(context.HttpContext.Request)
            ? await next(context)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: $"Send a valid admin key in the '{AdminKeyValidator.HeaderName}' header or the '{AdminKeyValidator.QueryName}' query parameter.");
}

/// <summary>Paths under an admin API prefix that no endpoint serves (the API's own routes take precedence over this catch-all).</summary>
internal sealed class AdminRouteNotFoundFunction : IHttpFunction
{
    public Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HttpFunctionResponse.Json(StatusCodes.Status404NotFound, new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            title = "Not found",
            status = StatusCodes.Status404NotFound,
            detail = "No admin API route matches this path and method.",
        }));
}
