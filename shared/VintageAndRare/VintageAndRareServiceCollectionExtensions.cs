using Azure.Storage.Blobs;
using Marketplace.Shared.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>Registers the Vintage &amp; Rare browser and connector.</summary>
public static class VintageAndRareServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="VintageAndRareOptions"/> from <c>VintageAndRare</c> (validated at start-up) and registers
    /// <see cref="VintageAndRareBrowser"/> (singleton: one Chromium per process), <see cref="VintageAndRareConnector"/> and
    /// <see cref="VintageAndRareListingReader"/> (the host maps both to <c>IMarketplaceConnector</c>/<c>IMarketplaceListingReader</c>).
    /// Needs the registered <see cref="BlobServiceClient"/> and <see cref="ISecretStore"/>.
    /// </summary>
    public static IServiceCollection AddVintageAndRare(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VintageAndRareOptions>().Bind(configuration.GetSection(VintageAndRareOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(VintageAndRareConnector));
        services.AddSingleton(sp => new VintageAndRareBrowser(
            sp.GetRequiredService<IOptions<VintageAndRareOptions>>().Value,
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<ISecretStore>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<VintageAndRareBrowser>>()));
        services.AddSingleton(sp => new VintageAndRareConnector(
            sp.GetRequiredService<VintageAndRareBrowser>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(VintageAndRareConnector)),
            sp.GetService<ILogger<VintageAndRareConnector>>()));
        services.AddSingleton(sp => new VintageAndRareListingReader(
            sp.GetRequiredService<VintageAndRareConnector>(), sp.GetRequiredService<IOptions<VintageAndRareOptions>>().Value));
        services.AddSingleton(sp => new VintageAndRareInventoryFeed(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(VintageAndRareConnector)),
            sp.GetRequiredService<IOptions<VintageAndRareOptions>>().Value,
            sp.GetRequiredService<ISecretStore>()));
        return services;
    }
}
