using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Ebay;

/// <summary>Registers the eBay client, connector and notification handler (one seller per application).</summary>
public static class EbayServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EbayClientOptions"/> from <c>Ebay</c>, validates them at start-up and registers
    /// <see cref="EbayClient"/> (singleton: one token cache, one Polly pipeline), <see cref="EbayConnector"/>,
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
        services.AddSingleton<EbayNotificationVerifier>();
        services.AddSingleton<EbayNotificationHandler>();
        return services;
    }
}
