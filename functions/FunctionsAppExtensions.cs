using Marketplace.Functions.Admin;
using Marketplace.Functions.Diagnostics;
using Marketplace.Functions.Hosting;
using Marketplace.Functions.Http;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Standalone;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Timers;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions;

/// <summary>
/// Composition of the functions app, the same for both hosts (<see cref="HostingMode"/>): settings, storage, the
/// services the functions use and the function index; standalone adds JSON logging and the trigger sources.
/// </summary>
internal static class FunctionsAppExtensions
{
    public static IHostApplicationBuilder AddFunctionsApp(this IHostApplicationBuilder builder, HostingMode? mode = null)
    {
        mode ??= new HostingMode(IsFunctionsHost: false);
        if (!mode.IsFunctionsHost)
        {
            builder.AddJsonLogging();
        }

        BindingExpressions.AddDefaults(builder.Configuration);

        // Read storage settings once at start-up so a missing or bad setting stops the app with its name.
        var account = StorageAccount.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(mode);
        services.AddSingleton(account);
        services.AddSingleton<StorageHealthProbe>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ReconciliationOptions>, ReconciliationOptionsValidator>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);

        services.AddSingleton<FunctionIndex>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<AdminKeyValidator>();
        services.AddSingleton<WebhookVerifierRegistry>();
        services.AddSingleton<TriggerEventLog>();
        services.TryAddSingleton<IReconciliationStarter, RecordingReconciliationStarter>();
        services.AddPhotoServices(builder.Configuration);
        services.AddFunctionStorage(account);
        Shared.Secrets.SecretStoreServiceCollectionExtensions.AddSecretStore(services, builder.Configuration, account);
        // The catalog refuses a product naming a Reverb shop that is not configured (the API and the CSV say so at once).
        if (!services.Any(d => d.ServiceType == typeof(Shared.Catalog.Products.ProductCatalog)))
        {
            Shared.Catalog.CatalogServiceCollectionExtensions.AddCatalog(services, options => options.ReverbAccounts = Shared.Reverb.ReverbAccounts.ConfiguredKeys(builder.Configuration));
        }

        services.AddAdminApis();
        Sync.SyncFunctionsExtensions.AddSyncServices(services, builder.Configuration, account, mode.IsFunctionsHost);
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddHostedService<Demo.DemoSeedService>();
        if (!mode.IsFunctionsHost)
        {
            services.AddStandaloneTriggers();
        }

        return builder;
    }

    /// <summary>Standalone: correlation ids, then every HTTP function on its route.</summary>
    public static WebApplication MapFunctionsApp(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.MapHttpFunctions();
        return app;
    }

    /// <summary>Adds the classes whose <c>[Function]</c> methods join the app's (tests and benchmarks add their own).</summary>
    public static IServiceCollection AddFunctionClasses(this IServiceCollection services, params Type[] types) =>
        services.AddSingleton(new FunctionClasses(types));
}
