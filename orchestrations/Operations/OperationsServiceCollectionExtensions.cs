using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Orchestrations.Operations.StaleStock;
using Marketplace.Orchestrations.Operations.Stats;
using Marketplace.Shared.Operations.Stats;
using Marketplace.Shared.Operations.StaleStock;
using Marketplace.Shared.Operations.Alerts;
using Microsoft.Extensions.Configuration;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Operations.Images;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Orchestrations.Operations;

/// <summary>Registration of the shop operations (image checks, sale alerts, stale-stock policies, platform stats).</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The image checks: an <see cref="IListingImageClient"/> for each platform whose API client is registered (resolved
    /// when first used), the remediator and the starter; sale alerts (<see cref="SaleAlertOptions"/> from configuration section
    /// <c>SaleAlerts</c> unless registered, SMTP sender unless another <see cref="ISaleAlertSender"/> is). Needs the catalog,
    /// the storage clients and the sync options. Stale-stock policies: <see cref="StaleStockOptions"/> from section <c>StaleStock</c>
    /// unless registered, a relister for eBay and Reverb when their clients are registered; platform stats likewise (section
    /// <c>PlatformStats</c>, readers for eBay and Reverb) with the dead-stock list; and the start-up of the enabled daily workflows.
    /// </summary>
    public static IServiceCollection AddShopOperations(this IServiceCollection services, ImageRemediationOptions? images = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => images ?? sp.GetService<IConfiguration>()?.GetSection(ImageRemediationOptions.Section).Get<ImageRemediationOptions>() ?? new ImageRemediationOptions());
        services.TryAddSingleton(sp => new ListingImageClients(ImageClients(sp)));
        services.TryAddSingleton<ListingImageRemediator>();
        services.TryAddSingleton<ImageRemediationStarter>();
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection(SaleAlertOptions.Section).Get<SaleAlertOptions>() ?? new SaleAlertOptions());
        services.TryAddSingleton<ISaleAlertSender>(sp => new SmtpSaleAlertSender(sp.GetRequiredService<SaleAlertOptions>()));
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection(StaleStockOptions.Section).Get<StaleStockOptions>() ?? new StaleStockOptions());
        services.TryAddSingleton(sp => new StaleStockPolicy(sp.GetRequiredService<Shared.Catalog.Products.ProductCatalog>(), sp.GetRequiredService<Shared.Catalog.Listings.ListingStore>(),
            sp.GetRequiredService<Shared.Catalog.Ledger.InventoryLedger>(), sp.GetRequiredService<Sync.SyncConnectors>(), StaleClients(sp), sp.GetRequiredService<StaleStockOptions>()));
        services.TryAddSingleton(sp => new StaleStockPlatforms(StaleClients(sp).Select(c => c.Platform)
            .Concat(sp.GetRequiredService<Sync.SyncConnectors>().TryGet(Shared.Catalog.Platform.Shopify, out _) ? [Shared.Catalog.Platform.Shopify] : [])));
        services.TryAddSingleton(sp => new StaleStockStarter(sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(),
            sp.GetRequiredService<StaleStockOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection(PlatformStatsOptions.Section).Get<PlatformStatsOptions>() ?? new PlatformStatsOptions());
        services.TryAddSingleton(sp => new PlatformStatsReaders(StatsReaders(sp), sp.GetRequiredService<Sync.SyncConnectors>()));
        services.TryAddSingleton(sp => new PlatformStatsStarter(sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(),
            sp.GetRequiredService<PlatformStatsOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp => new DeadStockReport(sp.GetRequiredService<Shared.Catalog.Products.ProductCatalog>(), sp.GetRequiredService<Shared.Catalog.Ledger.InventoryLedger>(),
            sp.GetRequiredService<Shared.Catalog.Stats.ListingStatsStore>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<DailyWorkflowService>();
        return services;
    }

    private static IEnumerable<IListingStatsReader> StatsReaders(IServiceProvider services)
    {
        if (services.GetService<EbayClient>() is { } ebay)
        {
            yield return new EbayStatsReader(ebay, services.GetRequiredService<PlatformStatsOptions>().EbayWindowDays);
        }

        if (services.GetService<ReverbAccounts>() is { } reverb)
        {
            yield return new ReverbStatsReader(reverb);
        }
    }

    private static IEnumerable<IStaleListingClient> StaleClients(IServiceProvider services)
    {
        if (services.GetService<EbayClient>() is { } ebay)
        {
            yield return new EbayStaleListings(ebay);
        }

        if (services.GetService<ReverbAccounts>() is { } reverb)
        {
            yield return new ReverbStaleListings(reverb);
        }
    }

    private static IEnumerable<IListingImageClient> ImageClients(IServiceProvider services)
    {
        if (services.GetService<ShopifyClient>() is { } shopify)
        {
            yield return new ShopifyListingImages(shopify);
        }

        if (services.GetService<EbayClient>() is { } ebay)
        {
            yield return new EbayListingImages(ebay);
        }

        if (services.GetService<ReverbAccounts>() is { } reverb)
        {
            yield return new ReverbListingImages(reverb);
        }
    }
}
