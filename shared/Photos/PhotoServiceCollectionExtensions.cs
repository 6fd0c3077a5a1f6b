using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Discogs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Photos;

/// <summary>Registers the photo-to-listing services.</summary>
public static class PhotoServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PhotoOptions"/> from <c>Photos</c> (validated at start-up) and registers <see cref="PhotoBatchStore"/>,
    /// <see cref="PhotoMatcher"/> and <see cref="PhotoDraftFactory"/>. Needs the storage clients, the catalog, the Discogs
    /// client (<c>AddDiscogs</c>) and an OCR reader (<c>AddOcr</c>).
    /// </summary>
    public static IServiceCollection AddPhotoMatching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PhotoOptions>().Bind(configuration.GetSection(PhotoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PhotoOptions>>().Value);
        services.TryAddSingleton(sp => new PhotoBatchStore(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<PhotoOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        // Built on first use: without a Discogs section the app still starts, and matching fails naming the missing client.
        services.TryAddSingleton(sp => new PhotoMatcher(sp.GetRequiredService<DiscogsClient>(), sp.GetRequiredService<PhotoOptions>()));
        services.TryAddSingleton(sp => new PhotoDraftFactory(sp.GetRequiredService<DiscogsClient>(), sp.GetRequiredService<ProductCatalog>(),
            sp.GetRequiredService<ChangeSetService>(), sp.GetRequiredService<PhotoOptions>()));
        return services;
    }
}
