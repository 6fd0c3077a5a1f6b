using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>
/// The admin JSON APIs, written as ASP.NET Core minimal-API groups: the catalog under <c>/api/admin/catalog</c> and
/// the orchestration management API (Durable's HTTP API shape) under <c>/api/admin/durabletask</c>. Each prefix is one
/// catch-all function (admin key required) that hands the request to <see cref="AdminApiDispatcher"/>, in both hosts.
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

        services.AddRouting();
        services.AddSingleton<Storage.DeadLetterStore>();
        services.AddSingleton<Storage.PoisonQueueStore>();
        services.AddSingleton<Dashboard.DashboardAssets>();
        services.AddSingleton<PlatformQuotaProbe>();
        return services.AddSingleton<AdminApiDispatcher>();
    }
}

/// <summary><c>/api/admin/catalog/{*path}</c>: the catalog admin API.</summary>
internal sealed class AdminCatalogFunction(AdminApiDispatcher dispatcher)
{
    [Function("AdminCatalog")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "put", "delete", Route = "admin/catalog/{*path}")] HttpRequest request) =>
        dispatcher.DispatchAsync(request.HttpContext);
}

/// <summary><c>/api/admin/durabletask/{*path}</c>: the orchestration management API (404 while no orchestration client is registered).</summary>
internal sealed class AdminDurableTaskFunction(AdminApiDispatcher dispatcher)
{
    [Function("AdminDurableTask")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "put", "delete", Route = "admin/durabletask/{*path}")] HttpRequest request) =>
        dispatcher.DispatchAsync(request.HttpContext);
}
