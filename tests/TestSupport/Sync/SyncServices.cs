using Marketplace.Orchestrations.Hosting;
using Marketplace.Orchestrations.Sync;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;
using Marketplace.Shared.Shopware;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.TestSupport.Sync;

/// <summary>What <see cref="SyncServices.AddSyncOnAzurite"/> registers: names, runtime settings, sync and connector options.</summary>
public sealed record SyncEnvironmentOptions
{
    public required string CatalogTable { get; init; }

    public required string TaskHub { get; init; }

    /// <summary>The worker id (a restarted worker with the same id gets its partitions back at once); null: a new one.</summary>
    public string? WorkerId { get; init; }

    public SyncOptions Sync { get; init; } = new();

    public SyncConnectorSettings Connectors { get; init; } = new();

    /// <summary>Queue visibility timeout of orchestration and activity messages: how soon a dead worker's work reappears. Default 10 s.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Further runtime settings.</summary>
    public Action<DurableTaskStandaloneOptions>? ConfigureHub { get; init; }
}

/// <summary>Service registrations shared by the sync tests, the sync benchmarks and the crash-test worker process.</summary>
public static class SyncServices
{
    /// <summary>
    /// Shopify, eBay and Reverb connectors (and their clients) against the sandboxes at <paramref name="endpoints"/> (Reverb over
    /// the default shop and any further <see cref="SyncSandboxEndpoints.ReverbShops"/>); Shopware (full mode) when it has a URL.
    /// </summary>
    public static IServiceCollection AddSandboxConnectors(this IServiceCollection services, SyncSandboxEndpoints endpoints, SyncConnectorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoints);
        settings ??= new SyncConnectorSettings();
        var shopify = new ShopifyClient(new ShopifyClientOptions
        {
            ShopDomain = endpoints.ShopDomain, AccessToken = endpoints.ShopToken, BaseAddress = endpoints.ShopifyBaseAddress,
            MaxRetryAttempts = settings.Retries is { } r ? Math.Max(1, r) : 6, BulkPollInterval = settings.BulkPollInterval,
        }, pacer: new ShopifyCostPacer());
        var ebayOptions = new EbayClientOptions
        {
            ClientId = endpoints.EbayClientId, ClientSecret = endpoints.EbayClientSecret, RefreshToken = endpoints.EbayRefreshToken,
            ApiBaseUrl = endpoints.EbayReverbBaseUrl, IdentityBaseUrl = endpoints.EbayReverbBaseUrl,
        };
        var reverbOptions = new ReverbClientOptions
        {
            AccessToken = endpoints.ReverbAccessToken, ApiBaseUrl = endpoints.EbayReverbBaseUrl, WebhookSecret = SyncConnectorSettings.ReverbWebhookSecret,
        };
        if (settings.Retries is { } retries)
        {
            (ebayOptions.MaxRetries, ebayOptions.RetryBaseDelay) = (retries, TimeSpan.FromMilliseconds(5));
            (reverbOptions.MaxRetries, reverbOptions.RetryBaseDelay) = (retries, TimeSpan.FromMilliseconds(5));
        }

        if (settings.AttemptTimeout is { } timeout)
        {
            (ebayOptions.AttemptTimeout, reverbOptions.AttemptTimeout) = (timeout, timeout);
        }

        var ebay = new EbayClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ebayOptions);
        var reverb = new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, reverbOptions);
        var reverbAccounts = new ReverbAccounts(reverb, (endpoints.ReverbShops ?? new Dictionary<string, string>()).Select(shop =>
        {
            var account = new ReverbAccountOptions
            {
                AccessToken = shop.Value, WebhookSecret = SyncConnectorSettings.ReverbAccountWebhookSecret(shop.Key),
                ShippingProfiles = new Dictionary<string, string>(SyncConnectorSettings.ReverbAccountShippingProfiles),
            };
            return new ReverbAccount(shop.Key, new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ReverbAccounts.OptionsFor(reverbOptions, account)), account);
        }));
        var wrap = settings.Wrap ?? (connector => connector);
        services.AddSingleton(wrap(new ShopifyConnector(shopify)));
        services.AddSingleton(shopify);
        services.AddSingleton(wrap(new EbayConnector(ebay)));
        services.AddSingleton(ebay);
        services.AddSingleton(wrap(new ReverbConnector(reverbAccounts)));
        services.AddSingleton(reverb);
        services.AddSingleton(reverbAccounts);
        services.AddSingleton(new EbayNotificationHandler(ebay, new EbayNotificationVerifier(ebay)));
        if (endpoints.ShopwareBaseUrl is { } shopwareUrl)
        {
            var shopware = new ShopwareClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ShopwareClientOptions
            {
                BaseUrl = shopwareUrl, ClientId = endpoints.ShopwareClientId!, ClientSecret = endpoints.ShopwareClientSecret!, Mode = ShopwareRolloutMode.Full,
                TaxId = "792203a53e564e28bcb7ffa1867fb485", MaxRetries = settings.Retries ?? 4, RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                AttemptTimeout = settings.AttemptTimeout ?? TimeSpan.FromSeconds(30),
            });
            var connector = new ShopwareConnector(shopware);
            services.AddSingleton(shopware);
            services.AddSingleton(connector);
            services.AddSingleton<IMarketplaceConnector>(connector);
            services.AddSingleton<IMarketplaceListingReader>(new ShopwareListingReader(shopware));
        }

        return services;
    }

    /// <summary>
    /// The catalog (own table), the sandbox connectors and the sync workflows on the standalone Durable Task runtime
    /// (DTFx, Azure Storage task hub, one partition, short lease and visibility timeouts). The worker is a hosted service:
    /// it runs once the provider's hosted services are started. The outbox is not dispatched by a loop (tests dispatch it).
    /// </summary>
    public static IServiceCollection AddSyncOnAzurite(this IServiceCollection services, StorageAccount account, SyncSandboxEndpoints endpoints, SyncEnvironmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.AddSingleton(account);
        services.AddCatalog(o => o.TableName = options.CatalogTable);
        services.AddSandboxConnectors(endpoints, options.Connectors);
        services.AddSyncWorkflows(options.Sync, dispatchOutbox: false);
        services.AddDurableTaskStandalone(account, o =>
        {
            o.TaskHub = options.TaskHub;
            o.WorkerId = options.WorkerId ?? "test-" + Guid.NewGuid().ToString("N")[..8];
            o.PartitionCount = 1;
            o.LeaseInterval = TimeSpan.FromSeconds(10);
            o.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2);
            o.ControlQueueVisibilityTimeout = options.VisibilityTimeout;
            o.WorkItemQueueVisibilityTimeout = options.VisibilityTimeout;
            options.ConfigureHub?.Invoke(o);
        });
        services.AddSyncWorkflowTasks();
        return services;
    }
}
