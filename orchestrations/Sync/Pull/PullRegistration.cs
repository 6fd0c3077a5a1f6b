using Azure.Data.Tables;
using Marketplace.Orchestrations.Engine;
using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>Registration of the pull side of sync (readers, cursor store, stager, activities).</summary>
internal static class PullRegistration
{
    public static IServiceCollection AddPullSync(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SyncReaders(sp.GetServices<IMarketplaceListingReader>(), sp.GetServices<IMarketplaceConnector>()));
        services.TryAddSingleton(sp => new PullCursorStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<CatalogOptions>()));
        services.TryAddSingleton(sp => new Shared.Catalog.Ledger.RemoteQuantityResolver(sp.GetRequiredService<Shared.Catalog.Ledger.InventoryLedger>()));
        services.TryAddSingleton(sp => new Shared.Catalog.Ledger.RemoteQuantityGate(sp.GetRequiredService<Shared.Catalog.Ledger.RemoteQuantityResolver>(),
            sp.GetServices<IMarketplaceConnector>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<PullStager>();
        services.TryAddSingleton<PullActivities>();
        services.TryAddSingleton<Reconciliation.ReconciliationPull>();
        return services;
    }

    public static void Register(DurableTaskRegistry registry, IServiceProvider services)
    {
        registry.AddActivityFunc<FullSyncRequest, IReadOnlyList<PullPlatformStart>>(nameof(PullActivities.StartPullAsync),
            (context, request, ct) => services.GetRequiredService<PullActivities>().StartPullAsync(context, request, ct));
        registry.AddActivityFunc<PullCountRequest, int>(nameof(PullActivities.CountRemoteAsync),
            (context, request, ct) => services.GetRequiredService<PullActivities>().CountRemoteAsync(context, request, ct));
        registry.AddActivityFunc<PullPageRequest, PullPageResult>(nameof(PullActivities.PullPageAsync),
            (context, page, ct) => services.GetRequiredService<PullActivities>().PullPageAsync(context, page, ct));
        registry.AddActivityFunc<PullMissingRequest, IReadOnlyList<PullChange>>(nameof(PullActivities.FindMissingAsync),
            (context, request, ct) => services.GetRequiredService<PullActivities>().FindMissingAsync(context, request, ct));
    }
}
