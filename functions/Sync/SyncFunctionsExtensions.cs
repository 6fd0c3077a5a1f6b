using Marketplace.Functions.Shopware;
using Marketplace.Functions.Webhooks;
using Marketplace.Orchestrations.Hosting;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopware;
using Marketplace.Shared.Storage;
using Marketplace.Shared.VintageAndRare;
using Marketplace.Orchestrations.VintageAndRare;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions.Sync;

/// <summary>The sync workflows in the functions app: their functions (declarations) and their services.</summary>
internal static class SyncFunctionsExtensions
{
    /// <summary>
    /// The catalog (unless registered), the connectors whose sections are configured (<c>Shopify:ShopDomain</c>,
    /// <c>Ebay</c>, <c>Reverb</c>, <c>Shopware</c> past rollout mode Off), the webhook verifiers of the three platforms (Shopify HMAC with
    /// <c>Shopify:WebhookSecret</c>), and the sync workflows on task hub <c>Sync:TaskHub</c> (default <c>marketplace</c>); the worker runs in this
    /// process only with <c>Sync:WorkerEnabled</c> true (otherwise only the client, which starts instances);
    /// with the worker, the reconciliation timer starts the engine's reconciliation run.
    /// </summary>
    public static IServiceCollection AddSyncServices(this IServiceCollection services, IConfiguration configuration, StorageAccount account, bool functionsHost = false)
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

        // Shopware joins the sync only past rollout mode Off (see ShopwareRolloutMode); its connector refuses what the mode does not allow.
        var shopware = configuration.GetSection(ShopwareClientOptions.SectionName);
        if (shopware.Exists())
        {
            services.AddShopware(configuration);
            if (shopware.GetValue(nameof(ShopwareClientOptions.Mode), ShopwareRolloutMode.Off) != ShopwareRolloutMode.Off)
            {
                services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<ShopwareConnector>());
                services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<ShopwareListingReader>());
            }
        }

        if (configuration.GetSection(VintageAndRareOptions.SectionName).Exists())
        {
            services.AddVintageAndRare(configuration);
            services.AddVintageAndRareWorkflow(configuration);
            services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<VintageAndRareConnector>());
            services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<VintageAndRareListingReader>());
        }

        var shopify = configuration.GetSection("Shopify");
        services.AddShopifyServices(configuration);

        services.AddSingleton<IWebhookVerifier>(new HmacSha256WebhookVerifier("shopify", shopify["WebhookSecret"], "X-Shopify-Hmac-Sha256",
            base64: true, prefix: string.Empty, eventIdHeader: "X-Shopify-Webhook-Id"));
        services.AddSingleton<IWebhookVerifier>(new EbayWebhookVerifier(ebay));
        services.AddSingleton<IWebhookVerifier>(new ReverbWebhookVerifier(reverb));
        services.AddShopwareApp(configuration);
        var section = configuration.GetSection(SyncOptions.Section);
        var hub = section["TaskHub"];
        // Under the Functions host the Durable extension runs the orchestrations (SyncOrchestrationFunctions and
        // SyncActivityFunctions); this process only starts and queries them, on the same task hub.
        var worker = !functionsHost && section.GetValue("WorkerEnabled", false);
        // Section Sync: the workflows' settings (ImageBaseUrl, ShopifyBulkThreshold, PushChunkSize, ...); the retry policies keep their defaults.
        var options = new SyncOptions();
        section.Bind(options);
        services.AddSyncWorkflows(options, dispatchOutbox: worker || functionsHost);
        Action<DurableTaskStandaloneOptions> taskHub = o => o.TaskHub = string.IsNullOrEmpty(hub) ? o.TaskHub : hub;
        if (!worker)
        {
            services.AddDurableTaskStandaloneClient(account, taskHub);
            if (functionsHost)
            {
                services.Replace(ServiceDescriptor.Singleton<Timers.IReconciliationStarter, SyncReconciliationStarter>());
            }
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
