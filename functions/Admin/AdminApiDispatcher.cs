using Marketplace.Functions.Http;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Serves the admin minimal-API groups behind their catch-all functions: the groups are mapped once on a private
/// routing pipeline (ASP.NET Core's own matcher: templates, constraints, methods, 405) and each request is run
/// through it on the function's <see cref="HttpContext"/>. A path no endpoint serves answers 404 problem details.
/// </summary>
internal sealed class AdminApiDispatcher(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => Build(services));

    /// <summary>Runs the request through the admin APIs; the response is written when this returns (<see cref="Results.Empty"/>).</summary>
    public async Task<IResult> DispatchAsync(HttpContext context)
    {
        // Routing skips matching when an endpoint is set (the standalone host's own route to the catch-all function).
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        await _pipeline.Value(context);
        return Results.Empty;
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.Use(RequestBodyLimit.ApplyEndpointLimit);
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapCatalogAdminApi();
            endpoints.MapDashboardAdminApi();
            if (services.GetService<DurableTaskClient>() is not null)
            {
                endpoints.MapDurableManagementEndpoints(AdminApiExtensions.DurableTaskPrefix);
            }
        });
        app.Run(context => FunctionResults.Json(StatusCodes.Status404NotFound, new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            title = "Not found",
            status = StatusCodes.Status404NotFound,
            detail = "No admin API route matches this path and method.",
        }).ExecuteAsync(context));
        return app.Build();
    }
}
