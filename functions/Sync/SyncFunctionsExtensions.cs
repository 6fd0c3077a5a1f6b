using Marketplace.Functions.Catalog;
using Marketplace.Functions.Webhooks;
using Marketplace.Orchestrations.Hosting;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions.Sync;

/// <summary>The sync workflows in the functions app: their functions (declarations) and their services.</summary>
internal static class SyncFunctionsExtensions
{
    /// <summary>
    /// Declares the webhook inbox consumer (queue <c>Webhooks:Queue</c>), the Reverb secret-path webhook route and the
    /// sync admin routes (<c>admin/sync/full</c>, <c>admin/sync/products/{sku}/publish</c>, <c>admin/sync/oversells</c>, <c>admin/sync/instances/{id}</c>, <c>admin/sync/instances/{id}/{action}</c>).
    /// </summary>
    public static IServiceCollection AddSyncFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var queue = configuration.GetSection(WebhookOptions.Section)["Queue"] is { Length: > 0 } name ? name : new WebhookOptions().Queue;
        return services
            .AddEbayFunctions()
            .AddQueueFunction<SaleWebhookQueueHandler>(queue)
            .AddFunction<ReverbWebhookFunction>(ReverbWebhookFunction.Name, new HttpTrigger("webhooks/reverb/{secret}", ["post"]))
            .AddFunction<SyncPublishFunction>(SyncPublishFunction.Name, new HttpTrigger("admin/sync/products/{sku}/publish", ["post"], HttpTrigger.Function))
            .AddFunction<SyncFullFunction>(SyncFullFunction.Name, new HttpTrigger("admin/sync/full", ["post"], HttpTrigger.Function))
            .AddFunction<SyncOversellsFunction>(SyncOversellsFunction.Name, new HttpTrigger("admin/sync/oversells", ["get"], HttpTrigger.Function))
            .AddFunction<SyncInstanceFunction>(SyncInstanceFunction.Name, new HttpTrigger("admin/sync/instances/{id}", ["get"], HttpTrigger.Function))
            .AddFunction<SyncInstanceFunction>(SyncInstanceFunction.Name + "Action", new HttpTrigger("admin/sync/instances/{id}/{action}", ["post"], HttpTrigger.Function))
            .AddShopifyFunctions();
    }

    /// <summary>
    /// The catalog (unless registered), the connectors whose sections are configured (<c>Shopify:ShopDomain</c>,
    /// <c>Ebay</c>, <c>Reverb</c>), the webhook verifiers of the three platforms (Shopify HMAC with
    /// <c>Shopify:WebhookSecret</c>), and the sync workflows on task hub <c>Sync:TaskHub</c> (default <c>marketplace</c>); the worker runs in this
    /// process only with <c>Sync:WorkerEnabled</c> true (otherwise only the client, which starts instances);
    /// with the worker, the reconciliation timer starts the engine's reconciliation run.
    /// </summary>
    public static IServiceCollection AddSyncServices(this IServiceCollection services, IConfiguration configuration, StorageAccount account)
    {
        if (!services.Any(d => d.ServiceType == typeof(ProductCatalog)))
        {
            services.AddCatalog();
        }

        var ebay = configuration.GetSection(EbayClientOptions.SectionName).Exists();
        if (ebay)
        {
            services.AddEbay(configuration);
            services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<EbayConnector>());
            services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<EbayListingReader>());
        }

        var reverb = configuration.GetSection(ReverbClientOptions.SectionName).Exists();
        if (reverb)
        {
            services.AddReverb(configuration);
            services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<ReverbConnector>());
            services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<ReverbListingReader>());
        }

        var shopify = configuration.GetSection("Shopify");
        services.AddShopifyServices(configuration);

        services.AddSingleton<IWebhookVerifier>(new HmacSha256WebhookVerifier("shopify", shopify["WebhookSecret"], "X-Shopify-Hmac-Sha256",
            base64: true, prefix: string.Empty, eventIdHeader: "X-Shopify-Webhook-Id"));
        services.AddSingleton<IWebhookVerifier>(new EbayWebhookVerifier(ebay));
        services.AddSingleton<IWebhookVerifier>(new ReverbWebhookVerifier(reverb));
        var section = configuration.GetSection(SyncOptions.Section);
        var hub = section["TaskHub"];
        var worker = section.GetValue("WorkerEnabled", false);
        services.AddSyncWorkflows(dispatchOutbox: worker);
        Action<DurableTaskStandaloneOptions> taskHub = o => o.TaskHub = string.IsNullOrEmpty(hub) ? o.TaskHub : hub;
        if (!worker)
        {
            services.AddDurableTaskStandaloneClient(account, taskHub);
        }
        else
        {
            services.AddDurableTaskStandalone(account, taskHub);
            services.AddSyncWorkflowTasks();
            // The hourly timer then starts the engine's reconciliation instead of only recording the request.
            services.Replace(ServiceDescriptor.Singleton<Timers.IReconciliationStarter, SyncReconciliationStarter>());
        }

        return services;
    }
}
