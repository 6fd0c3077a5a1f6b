using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Discogs;

/// <summary>Registers the Discogs client and connector.</summary>
public static class DiscogsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DiscogsClientOptions"/> from <c>Discogs</c> (validated at start-up) and registers <see cref="DiscogsClient"/>
    /// (singleton: one pacer and one Polly pipeline for the token's rate limit) <see cref="DiscogsConnector"/> and <see cref="DiscogsListingReader"/> (the host maps them
    /// to <c>IMarketplaceConnector</c> and <c>IMarketplaceListingReader</c>).
    /// </summary>
    public static IServiceCollection AddDiscogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscogsClientOptions>().Bind(configuration.GetSection(DiscogsClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(DiscogsClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new DiscogsClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DiscogsClient)),
            sp.GetRequiredService<IOptions<DiscogsClientOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<DiscogsClient>>()));
        services.TryAddSingleton<DiscogsConnector>();
        services.TryAddSingleton<DiscogsListingReader>();
        return services;
    }
}
