using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    /// <see cref="EbayNotificationVerifier"/> and <see cref="EbayNotificationHandler"/>.
    /// </summary>
    public static IServiceCollection AddEbay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EbayClientOptions>().Bind(configuration.GetSection(EbayClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(EbayClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new EbayClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EbayClient)),
            sp.GetRequiredService<IOptions<EbayClientOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<EbayClient>>()));
        services.AddSingleton<EbayConnector>();
        services.AddSingleton<EbayListingReader>();
        services.AddSingleton<EbayNotificationVerifier>();
        services.AddSingleton<EbayNotificationHandler>();
        return services;
    }
}
