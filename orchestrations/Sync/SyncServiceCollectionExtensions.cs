using Marketplace.Orchestrations.Operations;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Sync.Pull;
using Marketplace.Orchestrations.Sync.Reconciliation;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Storage;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Orchestrations.Sync;

/// <summary>Registration of the services the sync workflows and their starters use.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the sync orchestrators and activities (<see cref="SyncWorkflows"/>) resolve, the starters
    /// (<see cref="SaleStarter"/>, <see cref="ProductPublisher"/>, <see cref="FullSyncStarter"/>, <see cref="ReconciliationStarter"/>),
    /// <see cref="SyncConnectors"/> over every registered <see cref="IMarketplaceConnector"/>, the outbox's
    /// <see cref="IOrchestrationStarter"/> and, with <paramref name="dispatchOutbox"/>, the outbox dispatch loop. Needs the
    /// catalog (<c>AddCatalog</c>), the connectors, the <see cref="StorageAccount"/> and a <see cref="DurableTaskClient"/> (the host's).
    /// </summary>
    public static IServiceCollection AddSyncWorkflows(this IServiceCollection services, SyncOptions? options = null, bool dispatchOutbox = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new SyncOptions());
        services.TryAddSingleton(sp => new SyncConnectors(sp.GetServices<IMarketplaceConnector>()));
        services.TryAddSingleton<SaleStarter>();
        services.TryAddSingleton<SaleWebhookReader>();
        services.TryAddSingleton(sp => new ListingCreateClaims(
            sp.GetRequiredService<StorageAccount>().CreateTableServiceClient().GetTableClient(sp.GetRequiredService<CatalogOptions>().TableName + "claims"),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp => new UnmatchedSaleStore(
            sp.GetRequiredService<StorageAccount>().CreateTableServiceClient().GetTableClient(sp.GetRequiredService<CatalogOptions>().TableName + "unmatched"),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<UnmatchedSales>();
        services.TryAddSingleton<ListingPusher>();
        services.TryAddTransient<PushStockActivity>();
        services.TryAddSingleton<ProductPublisher>();
        services.TryAddSingleton<FullSyncStarter>();
        services.TryAddSingleton<ReconciliationStarter>();
        services.TryAddSingleton<ShippingProfiles.ShippingProfileAudit>();
        services.TryAddSingleton<ShippingProfiles.ShippingProfileAuditStarter>();
        services.TryAddSingleton(sp => new QuantityRules.QuantityRuleStarter(sp.GetRequiredService<Shared.Catalog.Products.QuantityRuleStore>(),
            sp.GetRequiredService<DurableTaskClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<Shopware.ShopwareBackfillStarter>();
        services.TryAddSingleton<ReconciliationPull>();
        services.TryAddSingleton(sp => new SyncReaders(sp.GetServices<IMarketplaceListingReader>(), sp.GetServices<IMarketplaceConnector>()));
        services.TryAddSingleton(sp => new PullCursorStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<CatalogOptions>()));
        services.TryAddSingleton(sp => new RemoteQuantityResolver(sp.GetRequiredService<InventoryLedger>()));
        services.TryAddSingleton(sp => new RemoteQuantityGate(sp.GetRequiredService<RemoteQuantityResolver>(),
            sp.GetServices<IMarketplaceConnector>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<PullStager>();
        services.AddShopOperations();
        services.TryAddSingleton<IOrchestrationStarter, DurableOrchestrationStarter>();
        if (dispatchOutbox)
        {
            services.AddHostedService<OutboxDispatchService>();
        }

        return services;
    }

    /// <summary>
    /// Adds <see cref="SyncWorkflows"/> to the task registry a worker reads from options (<c>IOptions&lt;DurableTaskRegistry&gt;</c>:
    /// the standalone runtime's), orchestrators built from the application's services.
    /// </summary>
    public static IServiceCollection AddSyncWorkflowTasks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DurableTaskRegistry>().Configure<IServiceProvider>((registry, sp) => registry.AddSyncWorkflows(sp));
        return services;
    }
}
