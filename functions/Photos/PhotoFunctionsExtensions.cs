using Marketplace.Orchestrations.Photos;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Ocr;
using Marketplace.Shared.Photos;

namespace Marketplace.Functions.Photos;

/// <summary>The photo-to-listing services of the functions app.</summary>
internal static class PhotoFunctionsExtensions
{
    /// <summary>
    /// OCR (<c>Ocr</c>), photo matching (<c>Photos</c>), the durable photo pipeline behind the blob trigger, and — when the
    /// <c>Discogs</c> section is configured — the Discogs client and Discogs as a sales platform (<see cref="IMarketplaceConnector"/>).
    /// </summary>
    public static IServiceCollection AddPhotoServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOcr(configuration);
        services.AddPhotoMatching(configuration);
        if (configuration.GetSection(DiscogsClientOptions.SectionName).Exists())
        {
            services.AddDiscogs(configuration);
            services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<DiscogsConnector>());
            services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<DiscogsListingReader>());
        }

        services.AddSingleton<PhotoMatchStarter>();
        services.AddSingleton<IPhotoPipeline, DurablePhotoPipeline>();
        return services;
    }
}
