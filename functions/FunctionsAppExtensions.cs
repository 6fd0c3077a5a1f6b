using Marketplace.Functions.Admin;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Diagnostics;
using Marketplace.Functions.Http;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Protocol;
using Marketplace.Functions.Standalone;
using Marketplace.Functions.Storage;
using Marketplace.Functions.Timers;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions;

/// <summary>Composition of the functions app: logging, settings, functions, trigger sources, then routes.</summary>
internal static class FunctionsAppExtensions
{
    public static WebApplicationBuilder AddFunctionsApp(this WebApplicationBuilder builder)
    {
        var mode = HostingMode.FromConfiguration(builder.Configuration);
        if (mode.CustomHandlerPort is { } port)
        {
            // Only the Functions host talks to us, on loopback.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.AddJsonLogging();

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

        services.AddScoped<FunctionContext>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<AdminKeyValidator>();
        services.AddSingleton<HttpFunctionDispatcher>();
        services.AddSingleton<WebhookVerifierRegistry>();
        services.AddSingleton<TriggerEventLog>();
        services.TryAddSingleton<IReconciliationStarter, RecordingReconciliationStarter>();
        services.TryAddSingleton<IPhotoPipeline, RecordingPhotoPipeline>();
        services.AddFunctionDefinitions(builder.Configuration);
        services.AddFunctionStorage();
        Shared.Secrets.SecretStoreServiceCollectionExtensions.AddSecretStore(services, builder.Configuration, account);
        services.AddAdminApis();
        Sync.SyncFunctionsExtensions.AddSyncServices(services, builder.Configuration, account);
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddHostedService<Demo.DemoSeedService>();
        if (!mode.IsCustomHandler)
        {
            services.AddStandaloneTriggers();
        }

        return builder;
    }

    public static WebApplication MapFunctionsApp(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.MapHttpFunctions();
        app.MapAdminApis();
        if (app.Services.GetRequiredService<HostingMode>().IsCustomHandler)
        {
            // Non-HTTP triggers are reachable only through the host, which alone knows the loopback port.
            app.MapCustomHandlerProtocol();
        }

        return app;
    }
}
