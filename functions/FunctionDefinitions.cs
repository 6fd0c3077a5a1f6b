using Marketplace.Functions.Admin;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Timers;
using Marketplace.Functions.Webhooks;

namespace Marketplace.Functions;

/// <summary>
/// The app's functions, declared once. Everything else (function.json, routes, custom-handler endpoints, standalone
/// sources) is derived from these registrations.
/// </summary>
internal static class FunctionDefinitions
{
    public static IServiceCollection AddFunctionDefinitions(this IServiceCollection services, IConfiguration configuration)
    {
        var schedule = configuration.GetSection(ReconciliationOptions.Section)["Schedule"] ?? ReconciliationOptions.DefaultSchedule;
        string[] get = ["get"];
        string[] post = ["post"];
        services
            .AddFunction<Http.HealthFunction>(Http.HealthFunction.Name, new HttpTrigger("health", get))
            .AddFunction<WebhookFunction>(WebhookFunction.Name, new HttpTrigger("webhooks/{platform}", post))
            .AddFunction<AdminStatusFunction>(AdminStatusFunction.Name, new HttpTrigger("admin/status", get, HttpTrigger.Function))
            .AddFunction<AdminReconcileFunction>(AdminReconcileFunction.Name, new HttpTrigger("admin/reconcile", post, HttpTrigger.Function))
            .AddFunction<DashboardFunction>(DashboardFunction.Name, new HttpTrigger("dashboard", get, HttpTrigger.Function))
            .AddFunction<ReconciliationTimerFunction>(ReconciliationTimerFunction.Name, new TimerTrigger(schedule, RunOnStartup: false, UseMonitor: true))
            .AddFunction<PhotoArrivedFunction>(PhotoArrivedFunction.Name, new BlobTrigger((configuration["Photos:Container"] ?? PhotoArrivedFunction.DefaultContainer) + "/{name}"))
            .AddAdminApiFunctions();
        Sync.SyncFunctionsExtensions.AddSyncFunctions(services, configuration);
        return services;
    }

    /// <summary>The catalog alone (no settings, no storage): what <c>--write-app-folder</c> needs at build time.</summary>
    public static FunctionCatalog BuildCatalog(IConfiguration configuration, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddFunctionDefinitions(configuration);
        extra?.Invoke(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<FunctionCatalog>();
    }
}
