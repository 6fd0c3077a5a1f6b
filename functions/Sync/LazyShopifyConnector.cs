using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Sync;

/// <summary>
/// The Shopify connector from section <c>Shopify</c> (token from the secret store), built on first use so that a
/// missing token fails the first Shopify call with its reason instead of the whole app at start-up.
/// </summary>
internal sealed class LazyShopifyConnector(IConfiguration section, ISecretStore secrets, ILoggerFactory loggers) : IMarketplaceConnector
{
    private readonly Lazy<Task<ShopifyConnector>> _connector = new(async () =>
        new ShopifyConnector(new ShopifyClient(await ShopifyClientOptions.FromConfigurationAsync(section, secrets), pacer: new ShopifyCostPacer(), logger: loggers.CreateLogger<ShopifyClient>())));

    public string Platform => MarketplacePlatform.Shopify;

    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) =>
        await (await _connector.Value).FindListingAsync(sku, cancellationToken);

    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default) =>
        await (await _connector.Value).UpsertListingAsync(draft, cancellationToken);

    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default) =>
        await (await _connector.Value).SetQuantityAsync(sku, quantity, cancellationToken);

    public async Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) =>
        await (await _connector.Value).EndListingAsync(sku, reason, cancellationToken);

    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var sale in (await _connector.Value).GetSalesSinceAsync(since, cancellationToken))
        {
            yield return sale;
        }
    }
}
