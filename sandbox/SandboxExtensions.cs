namespace Marketplace.Sandbox;

/// <summary>
/// Registers and maps every platform sandbox. Each platform adds one line to each method below
/// (its own AddXxxSandbox/MapXxxSandbox in its folder).
/// </summary>
public static class SandboxExtensions
{
    public static IServiceCollection AddSandboxes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Ebay.EbaySandbox.AddEbaySandbox(services, configuration);
        Reverb.ReverbSandbox.AddReverbSandbox(services, configuration);
        Shopify.ShopifySandboxExtensions.AddShopifySandbox(services, configuration);
        Shopware.ShopwareSandbox.AddShopwareSandbox(services, configuration);
        Discogs.DiscogsSandbox.AddDiscogsSandbox(services, configuration);
        VintageAndRare.VintageAndRareSandbox.AddVintageAndRareSandbox(services, configuration);
        return services;
    }

    public static WebApplication MapSandboxes(this WebApplication app)
    {
        app.MapGet("/", () => Results.Ok(new { service = "marketplace-sandbox" }));
        Ebay.EbaySandbox.MapEbaySandbox(app);
        Reverb.ReverbSandbox.MapReverbSandbox(app);
        Shopify.ShopifySandboxExtensions.MapShopifySandbox(app);
        Shopware.ShopwareSandbox.MapShopwareSandbox(app);
        Discogs.DiscogsSandbox.MapDiscogsSandbox(app);
        VintageAndRare.VintageAndRareSandbox.MapVintageAndRareSandbox(app);
        return app;
    }
}
