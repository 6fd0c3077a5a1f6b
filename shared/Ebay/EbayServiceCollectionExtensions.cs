using Azure.Data.Tables;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Ebay;

/// <summary>Registers the eBay client, connector, listing reader and notification handler (one seller per application).</summary>
public static class EbayServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EbayClientOptions"/> from <c>Ebay</c>, validates them at start-up and registers
    /// <see cref="EbayClient"/> (singleton: one token cache, one Polly pipeline), <see cref="EbayConnector"/>,
    /// <see cref="EbayListingReader"/> (the host maps both to <c>IMarketplaceConnector</c>/<c>IMarketplaceListingReader</c>
    /// when it wants eBay in its platform lists),
    /// <see cref="EbayNotificationVerifier"/> and <see cref="EbayNotificationHandler"/>. Listing revisions are counted in the
    /// Azure Table <see cref="EbayClientOptions.RevisionCounterTable"/>, shared by all instances, when a
    /// <see cref="StorageAccount"/> is registered (else per process); an <see cref="IEbayRevisionCounter"/> registered before wins.
    /// </summary>
    public static IServiceCollection AddEbay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EbayClientOptions>().Bind(configuration.GetSection(EbayClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(EbayClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IEbayRevisionCounter>(sp => CreateRevisionCounter(sp, sp.GetRequiredService<IOptions<EbayClientOptions>>().Value));
        services.AddSingleton(sp => new EbayClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EbayClient)),
            sp.GetRequiredService<IOptions<EbayClientOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<EbayClient>>(),
            sp.GetRequiredService<IEbayRevisionCounter>()));
        services.AddSingleton<EbayConnector>();
        services.AddSingleton<EbayListingReader>();
        services.AddSingleton<EbayNotificationVerifier>();
        services.AddSingleton<EbayNotificationHandler>();
        return services;
    }

    /// <summary>Shared in table <see cref="EbayClientOptions.RevisionCounterTable"/> when a storage account is registered; else per process.</summary>
    private static IEbayRevisionCounter CreateRevisionCounter(IServiceProvider services, EbayClientOptions options)
    {
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (services.GetService<StorageAccount>() is not { } account)
        {
            return new EbayRevisionCounter(time, options.MaxRevisionsPerListingPerDay);
        }

        var tables = services.GetService<TableServiceClient>() ?? account.CreateTableServiceClient();
        return new EbayTableRevisionCounter(tables, options.RevisionCounterTable, time, options.MaxRevisionsPerListingPerDay);
    }
}
