using Marketplace.Shared.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Shopware;

/// <summary>Registers the Shopware client, connector and listing reader.</summary>
public static class ShopwareServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ShopwareClientOptions"/> from <c>Shopware</c> (validated at start-up) and registers
    /// <see cref="ShopwareClient"/> (singleton: one token cache, one Polly pipeline), <see cref="ShopwareConnector"/> and
    /// <see cref="ShopwareListingReader"/> (the host maps both to <c>IMarketplaceConnector</c>/<c>IMarketplaceListingReader</c>
    /// unless the rollout mode is <see cref="ShopwareRolloutMode.Off"/>).
    /// </summary>
    public static IServiceCollection AddShopware(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopwareClientOptions>().Bind(configuration.GetSection(ShopwareClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(ShopwareClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new ShopwareClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ShopwareClient)),
            sp.GetRequiredService<IOptions<ShopwareClientOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<ShopwareClient>>(),
            sp.GetService<ISecretStore>()));
        services.AddSingleton<ShopwareConnector>();
        services.AddSingleton<ShopwareListingReader>();
        return services;
    }
}
