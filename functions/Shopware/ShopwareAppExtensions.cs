using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopware;
using Marketplace.Shared.Shopware.App;

namespace Marketplace.Functions.Shopware;

internal static class ShopwareAppExtensions
{
    /// <summary>
    /// Our Shopware app (<see cref="ShopwareAppOptions"/> from section <c>Shopware</c>): the registration handshake behind the
    /// app routes and the verifier of <c>POST /api/webhooks/shopware</c> (per-shop secrets in the <see cref="ISecretStore"/>).
    /// </summary>
    public static IServiceCollection AddShopwareApp(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ShopwareAppOptions();
        configuration.GetSection(ShopwareClientOptions.SectionName).Bind(options);
        services.AddSingleton(sp => new ShopwareAppRegistration(options,
            sp.GetService<ISecretStore>() ?? new ConfigurationSecretStore(configuration), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ShopwareAppAudit>();
        services.AddSingleton<IWebhookVerifier>(sp => new ShopwareWebhookVerifier(sp.GetRequiredService<ShopwareAppRegistration>()));
        return services;
    }
}
