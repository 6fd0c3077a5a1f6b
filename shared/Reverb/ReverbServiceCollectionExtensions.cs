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
    /// (the host maps both to <c>IMarketplaceConnector</c>/<c>IMarketplaceListingReader</c>) and <see cref="ReverbWebhookHandler"/>;
    /// <see cref="ReverbAccounts"/> holds the default client and one client per <c>Reverb:Accounts:{key}</c>.
    /// </summary>
    public static IServiceCollection AddReverb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverbClientOptions>().Bind(configuration.GetSection(ReverbClientOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Accounts.Values.All(a => !string.IsNullOrWhiteSpace(a.AccessToken)), "Every Reverb:Accounts:{key} needs an AccessToken.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverbClientOptions>, ShippingProfileSettings>();
        services.AddHttpClient(nameof(ReverbClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => Client(sp, sp.GetRequiredService<IOptions<ReverbClientOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReverbClientOptions>>().Value;
            return new ReverbAccounts(sp.GetRequiredService<ReverbClient>(),
                options.Accounts.Select(a => new ReverbAccount(a.Key.ToLowerInvariant(), Client(sp, ReverbAccounts.OptionsFor(options, a.Value)), a.Value)));
        });
        services.AddSingleton(sp => new ReverbConnector(sp.GetRequiredService<ReverbAccounts>()));
        services.AddSingleton(sp => new ReverbListingReader(sp.GetRequiredService<ReverbAccounts>()));
        services.AddSingleton<ReverbWebhookHandler>();
        return services;
    }

    /// <summary>Names each further shop's shipping-profile setting that is not a Reverb profile id, at start-up rather than at the first push.</summary>
    private sealed class ShippingProfileSettings : IValidateOptions<ReverbClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReverbClientOptions options)
        {
            var invalid = options.Accounts.SelectMany(a => a.Value.InvalidShippingProfiles(a.Key)).ToList();
            return invalid.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(invalid.Select(setting => $"{setting} must be a Reverb shipping profile id (a whole number), in the key and the value."));
        }
    }

    private static ReverbClient Client(IServiceProvider services, ReverbClientOptions options) => new(
        services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ReverbClient)),
        options,
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<ReverbClient>>());
}
