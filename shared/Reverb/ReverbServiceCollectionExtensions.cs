using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Reverb;

/// <summary>Registers the Reverb client, connector, listing reader and webhook handler.</summary>
public static class ReverbServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ReverbClientOptions"/> from <c>Reverb</c> (validated at start-up) and registers
    /// <see cref="ReverbClient"/> (singleton: one Polly pipeline), <see cref="ReverbConnector"/>, <see cref="ReverbListingReader"/>
    /// (the host maps both to <c>IMarketplaceConnector</c>/<c>IMarketplaceListingReader</c>) and <see cref="ReverbWebhookHandler"/>.
    /// </summary>
    public static IServiceCollection AddReverb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverbClientOptions>().Bind(configuration.GetSection(ReverbClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(ReverbClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new ReverbClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ReverbClient)),
            sp.GetRequiredService<IOptions<ReverbClientOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<ReverbClient>>()));
        services.AddSingleton<ReverbConnector>();
        services.AddSingleton<ReverbListingReader>();
        services.AddSingleton<ReverbWebhookHandler>();
        return services;
    }
}
