using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Standalone;

internal static class StandaloneExtensions
{
    /// <summary>The built-in timer, queue and blob trigger sources (standalone host only).</summary>
    public static IServiceCollection AddStandaloneTriggers(this IServiceCollection services)
    {
        services.AddOptions<StandaloneOptions>().BindConfiguration(StandaloneOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StandaloneOptions>, StandaloneOptionsValidator>();
        services.AddHostedService<StandaloneTriggerService>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
