using Azure.Data.Tables;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Catalog;

/// <summary>Registration of the catalog services.</summary>
public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ProductCatalog"/>, <see cref="InventoryLedger"/>, <see cref="ListingStore"/>,
    /// <see cref="ChangeSetService"/>, <see cref="AuditLog"/>, <see cref="CatalogCsvImporter"/>,
    /// <see cref="CatalogCsvExporter"/>, <see cref="CategoryMap"/>, <see cref="QuantityRuleStore"/> and <see cref="OutboxDispatcher"/> as singletons.
    /// Needs a <see cref="StorageAccount"/> registered (the storage clients come from <see cref="StorageServiceCollectionExtensions.AddStorageClients(IServiceCollection)"/>); uses
    /// <see cref="TimeProvider"/> if registered (else the system clock). The dispatcher also needs an
    /// <see cref="IOrchestrationStarter"/>, resolved when the dispatcher is first requested.
    /// </summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, Action<CatalogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CatalogOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageClients();
        services.AddSingleton(sp => new CatalogTable(sp.GetRequiredService<TableServiceClient>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ProductCatalog(sp.GetRequiredService<CatalogTable>()));
        services.AddSingleton(sp => new InventoryLedger(sp.GetRequiredService<CatalogTable>()));
        services.AddSingleton(sp => new ListingStore(sp.GetRequiredService<CatalogTable>()));
        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<CatalogTable>()));
        services.AddSingleton(sp => new ChangeSetService(sp.GetRequiredService<CatalogTable>(), sp.GetRequiredService<InventoryLedger>()));
        services.AddSingleton(_ => new CategoryMap(options.CategoryMappings));
        services.AddSingleton(sp => new QuantityRuleStore(sp.GetRequiredService<TableServiceClient>(), options));
        services.AddSingleton(sp => new Stats.ListingStatsStore(sp.GetRequiredService<TableServiceClient>(), options));
        services.AddSingleton(sp => new CatalogCsvImporter(sp.GetRequiredService<CatalogTable>(), sp.GetRequiredService<InventoryLedger>()));
        services.AddSingleton(sp => new CatalogCsvExporter(sp.GetRequiredService<ProductCatalog>()));
        services.AddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<CatalogTable>(), sp.GetRequiredService<IOrchestrationStarter>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        return services;
    }
}
