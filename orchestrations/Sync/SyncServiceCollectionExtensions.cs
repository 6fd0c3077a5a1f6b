using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Engine.AzureStorage;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Sync;

/// <summary>Registration of the sync workflows on the engine.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sync orchestrators and activities on an Azure Storage task hub (client and worker, the worker
    /// started with the host unless <paramref name="runWorker"/> is false), <see cref="SyncConnectors"/> over every registered <see cref="IMarketplaceConnector"/>,
    /// <see cref="SaleStarter"/>, the outbox's <see cref="IOrchestrationStarter"/> and (with the worker) the outbox dispatch loop. Needs the catalog (<c>AddCatalog</c>) and the connectors registered as
    /// <see cref="IMarketplaceConnector"/>.
    /// </summary>
    public static IServiceCollection AddSyncWorkflows(this IServiceCollection services, StorageAccount account, SyncOptions? options = null,
        Action<AzureStorageOrchestrationServiceOptions>? configure = null, DurableTaskWorkerOptions? workerOptions = null, bool runWorker = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new SyncOptions());
        services.TryAddSingleton(sp => new SyncConnectors(sp.GetServices<IMarketplaceConnector>()));
        services.TryAddSingleton<SaleActivities>();
        services.TryAddSingleton<SaleStarter>();
        services.TryAddSingleton<SaleWebhookReader>();
        services.TryAddSingleton<ProductActivities>();
        services.TryAddSingleton<ProductPublisher>();
        services.TryAddSingleton<FullSyncActivities>();
        services.TryAddSingleton<FullSyncStarter>();
        services.TryAddSingleton<ShopifyBulkPush>();
        services.AddPullSync();
        services.TryAddSingleton<ReconciliationActivities>();
        services.TryAddSingleton<ReconciliationStarter>();
        services.TryAddSingleton<IOrchestrationStarter, EngineOrchestrationStarter>();
        services.AddDurableTaskClient(account, configure);
        services.TryAddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<AzureStorageOrchestrationService>(), BuildRegistry(sp), workerOptions, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        if (runWorker)
        {
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
            services.AddHostedService<OutboxDispatchService>();
        }

        return services;
    }

    /// <summary>The registry of every sync orchestrator and activity, activities resolved from <paramref name="services"/>.</summary>
    public static DurableTaskRegistry BuildRegistry(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = new DurableTaskRegistry();
        Register(registry, services);
        return registry;
    }

    /// <summary>Adds the sync orchestrators and activities to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var options = services.GetRequiredService<SyncOptions>();
        registry.AddOrchestratorFunc<SaleEvent, SaleResult>(nameof(SaleWorkflow.SaleOrchestrator), (context, sale) => SaleWorkflow.SaleOrchestrator(context, sale, options));
        registry.AddActivityFunc<SaleEvent, SalePlan>(nameof(SaleActivities.ApplySaleAsync),
            (context, sale, ct) => services.GetRequiredService<SaleActivities>().ApplySaleAsync(context, sale, ct));
        registry.AddActivityFunc<StockPush, StockPushOutcome>(nameof(SaleActivities.PushStockAsync),
            (context, push, ct) => services.GetRequiredService<SaleActivities>().PushStockAsync(context, push, ct));
        registry.AddOrchestratorFunc<PushProductInput, ProductPushResult>(nameof(ProductWorkflow.PushProductOrchestrator),
            (context, input) => ProductWorkflow.PushProductOrchestrator(context, input, options));
        registry.AddOrchestratorFunc<PropagateStockInput, SaleResult>(nameof(ProductWorkflow.PropagateStockOrchestrator),
            (context, input) => ProductWorkflow.PropagateStockOrchestrator(context, input, options));
        registry.AddActivityFunc<PushProductInput, ProductPushPlan>(nameof(ProductActivities.PlanPushAsync),
            (context, input, ct) => services.GetRequiredService<ProductActivities>().PlanPushAsync(context, input, ct));
        registry.AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(ProductActivities.PushListingAsync),
            (context, push, ct) => services.GetRequiredService<ProductActivities>().PushListingAsync(context, push, ct));
        registry.AddActivityFunc<PropagateStockInput, SalePlan>(nameof(ProductActivities.PlanStockAsync),
            (context, input, ct) => services.GetRequiredService<ProductActivities>().PlanStockAsync(context, input, ct));
        registry.AddOrchestratorFunc<FullSyncState, FullSyncState>(nameof(FullSyncWorkflow.FullSyncOrchestrator),
            (context, state) => FullSyncWorkflow.FullSyncOrchestrator(context, state, options, services.GetRequiredService<SyncConnectors>().Platforms,
                services.GetRequiredService<ShopifyBulkPush>().IsAvailable));
        registry.AddOrchestratorFunc<ReconciliationInput, ReconciliationResult>(nameof(ReconciliationWorkflow.ReconciliationOrchestrator),
            (context, input) => ReconciliationWorkflow.ReconciliationOrchestrator(context, input, options, services.GetRequiredService<SyncConnectors>().Platforms));
        registry.AddActivityFunc<PlatformReconciliationRequest, PlatformReconciliation>(nameof(ReconciliationActivities.ReconcilePlatformAsync),
            (context, request, ct) => services.GetRequiredService<ReconciliationActivities>().ReconcilePlatformAsync(context, request, ct));
        registry.AddActivityFunc<IReadOnlyList<string>, IReadOnlyList<BulkOutcome>>(nameof(ShopifyBulkPush.PushAsync),
            (context, skus, ct) => services.GetRequiredService<ShopifyBulkPush>().PushAsync(context, skus, ct));
        PullRegistration.Register(registry, services);
        registry.AddActivityFunc<FullSyncRequest, int>(nameof(FullSyncActivities.CountAsync),
            (context, request, ct) => services.GetRequiredService<FullSyncActivities>().CountAsync(context, request, ct));
        registry.AddActivityFunc<SyncPageRequest, SyncPage>(nameof(FullSyncActivities.ReadPageAsync),
            (context, page, ct) => services.GetRequiredService<FullSyncActivities>().ReadPageAsync(context, page, ct));
    }
}
