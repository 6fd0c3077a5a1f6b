using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopware;
using Marketplace.Shared.Shopware.App;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Shopware;

internal static class ShopwareAppExtensions
{
    /// <summary>
    /// Our Shopware app (<see cref="ShopwareAppOptions"/> from section <c>Shopware</c>, validated at start-up): the registration handshake behind the
    /// app routes and the verifier of <c>POST /api/webhooks/shopware</c> (per-shop secrets in the <see cref="ISecretStore"/>).
    /// </summary>
    public static IServiceCollection AddShopwareApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopwareAppOptions>().Bind(configuration.GetSection(ShopwareClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ShopwareAppRegistration(sp.GetRequiredService<IOptions<ShopwareAppOptions>>().Value,
            sp.GetService<ISecretStore>() ?? new ConfigurationSecretStore(configuration), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ShopwareAppAudit>();
        services.AddSingleton<IWebhookVerifier>(sp => new ShopwareWebhookVerifier(sp.GetRequiredService<ShopwareAppRegistration>()));
        return services;
    }
}
