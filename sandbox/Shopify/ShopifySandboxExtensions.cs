using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Sandbox.Shopify;

/// <summary>Registers and maps the Shopify stand-in (GraphQL Admin API, OAuth, staged uploads, bulk results).</summary>
internal static class ShopifySandboxExtensions
{
    public static IServiceCollection AddShopifySandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopifySandboxOptions>().Bind(configuration.GetSection("Sandbox:Shopify"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ShopifyWebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ShopifyWebhookDispatcher>());
        services.AddSingleton<ShopifySandbox>();
        return services;
    }

    public static WebApplication MapShopifySandbox(this WebApplication app)
    {
        MapShopRoutes(app);
        MapShopRoutes(app.MapGroup("/shops/{shop}"));
        app.MapPost("/shopify-sandbox/staged-uploads", SandboxStagedUploads.UploadAsync);
        app.MapGet("/shopify-sandbox/bulk/{id:long}.jsonl", SandboxStagedUploads.Download);
        app.MapPost("/shopify-sandbox/orders", SandboxOrderActions.CreateAsync);
        app.MapPost("/shopify-sandbox/orders/{id:long}/cancel", SandboxOrderActions.Cancel);
        app.MapPost("/shopify-sandbox/orders/{id:long}/refunds", SandboxOrderActions.RefundAsync);
        app.MapPost("/shopify-sandbox/uninstall", SandboxOAuth.Uninstall);
        return app;
    }

    // Every shop shares the loopback host; /shops/{shop}/... names the shop where Shopify would use the host name.
    private static void MapShopRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/api/{version}/graphql.json", ShopifyGraphQlEndpoint.HandleAsync);
        routes.MapGet("/admin/oauth/authorize", (HttpRequest request, ShopifySandbox sandbox, string? shop) => SandboxOAuth.Authorize(request, sandbox, shop));
        routes.MapPost("/admin/oauth/access_token", SandboxOAuth.AccessTokenAsync);
    }
}
