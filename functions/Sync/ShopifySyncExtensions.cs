using Azure.Storage.Blobs;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopify;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions.Sync;

/// <summary>Shopify in the functions app: the shop's client, connector and listing reader, webhook processing and the OAuth routes.</summary>
internal static class ShopifySyncExtensions
{
    public const string Section = "Shopify";

    /// <summary>
    /// Always: the webhook handler, catalog staging, the durable Shopify state (<c>Shopify:StateContainer</c>) and the
    /// connection service (OAuth with <c>Shopify:ClientId</c>, <c>Shopify:ClientSecret</c>, <c>Shopify:AppUrl</c>, and for a
    /// sandbox <c>Shopify:ShopBaseAddressTemplate</c> with <c>{shop}</c>). With <c>Shopify:ShopDomain</c>: one
    /// <see cref="ShopifyClient"/> for the shop (token read from the secret store per <see cref="ShopifyAccessTokenSource"/>,
    /// so the app starts before the shop is connected), its <see cref="ShopifyConnector"/> as <see cref="IMarketplaceConnector"/>
    /// and its <see cref="ShopifyListingReader"/> as <see cref="IMarketplaceListingReader"/>.
    /// The secret store is the registered <see cref="ISecretStore"/>, else configuration (read-only: OAuth cannot store tokens).
    /// </summary>
    public static IServiceCollection AddShopifyServices(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.AddSingleton(sp => new ShopifyStateStore(sp.GetRequiredService<BlobServiceClient>(),
            section["StateContainer"] is { Length: > 0 } container ? container : ShopifyStateStore.DefaultContainer));
        services.TryAddSingleton(sp => new RemoteQuantityResolver(sp.GetRequiredService<InventoryLedger>()));
        services.TryAddSingleton(sp => new RemoteQuantityGate(sp.GetRequiredService<RemoteQuantityResolver>(), sp.GetServices<IMarketplaceConnector>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ShopifyCatalogSync(sp.GetRequiredService<ProductCatalog>(), sp.GetRequiredService<ChangeSetService>(), sp.GetRequiredService<ListingStore>(),
            sp.GetRequiredService<RemoteQuantityGate>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ShopifyWebhookHandler>();
        services.AddSingleton(sp => new ShopifyConnectionService(OAuthOptions(section, sp.GetRequiredService<TimeProvider>()), Secrets(sp, configuration),
            sp.GetRequiredService<ShopifyStateStore>(), sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(), sp));
        if (section["ShopDomain"] is not { Length: > 0 } shop)
        {
            return services;
        }

        services.AddSingleton(sp => new ShopifyAccessTokenSource(shop, Secrets(sp, configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ShopifyClient(ShopifyClientOptions.FromConfiguration(section, sp.GetRequiredService<ShopifyAccessTokenSource>()),
            logger: sp.GetRequiredService<ILogger<ShopifyClient>>()));
        services.AddSingleton(sp => new ShopifyConnector(sp.GetRequiredService<ShopifyClient>()));
        services.AddSingleton<IMarketplaceConnector>(sp => sp.GetRequiredService<ShopifyConnector>());
        services.AddSingleton(sp => new ShopifyListingReader(sp.GetRequiredService<ShopifyClient>()));
        services.AddSingleton<IMarketplaceListingReader>(sp => sp.GetRequiredService<ShopifyListingReader>());
        return services;
    }

    private static ISecretStore Secrets(IServiceProvider services, IConfiguration configuration) =>
        services.GetService<ISecretStore>() ?? new ConfigurationSecretStore(configuration);

    private static ShopifyOAuthOptions? OAuthOptions(IConfiguration section, TimeProvider time)
    {
        if (section["ClientId"] is not { Length: > 0 } clientId || section["ClientSecret"] is not { Length: > 0 } secret || section["AppUrl"] is not { Length: > 0 } appUrl)
        {
            return null;
        }

        var app = new Uri(appUrl.EndsWith('/') ? appUrl : appUrl + "/");
        var template = section["ShopBaseAddressTemplate"];
        return new ShopifyOAuthOptions
        {
            ClientId = clientId,
            ClientSecret = secret,
            RedirectUri = new Uri(app, "api/shopify/callback"),
            WebhookUri = new Uri(app, "api/webhooks/shopify"),
            BaseAddressForShop = string.IsNullOrEmpty(template) ? null : shop => new Uri(template.Replace("{shop}", shop, StringComparison.Ordinal)),
            TimeProvider = time,
        };
    }
}
