using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Shared.Operations.Alerts;
using Microsoft.Extensions.Configuration;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Operations.Images;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Orchestrations.Operations;

/// <summary>Registration of the shop operations (image checks, sale alerts).</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The image checks: an <see cref="IListingImageClient"/> for each platform whose API client is registered (resolved
    /// when first used), the remediator and the starter; sale alerts (<see cref="SaleAlertOptions"/> from configuration section
    /// <c>SaleAlerts</c> unless registered, SMTP sender unless another <see cref="ISaleAlertSender"/> is). Needs the catalog,
    /// the storage clients and the sync options.
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
        return services;
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

        if (services.GetService<ReverbClient>() is { } reverb)
        {
            yield return new ReverbListingImages(reverb);
        }
    }
}
