using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Operations.Images;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Orchestrations.Operations;

/// <summary>Registration of the shop operations (image checks).</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The image checks: an <see cref="IListingImageClient"/> for each platform whose API client is registered (resolved
    /// when first used), the remediator and the starter. Needs the catalog, the storage clients and the sync options.
    /// </summary>
    public static IServiceCollection AddShopOperations(this IServiceCollection services, ImageRemediationOptions? images = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(images ?? new ImageRemediationOptions());
        services.TryAddSingleton(sp => new ListingImageClients(ImageClients(sp)));
        services.TryAddSingleton<ListingImageRemediator>();
        services.TryAddSingleton<ImageRemediationStarter>();
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
