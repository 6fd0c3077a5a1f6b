using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// <see cref="IMarketplaceListingReader"/> for Shopware: products from <c>POST /api/search/product</c>, page by page, filtered
/// by Shopware on <c>createdAt</c>/<c>updatedAt</c> (a product never changed has no <c>updatedAt</c>). Prices are the gross
/// price in the configured currency. Reads only; allowed from <see cref="ShopwareRolloutMode.SearchOnly"/> on.
/// </summary>
public sealed class ShopwareListingReader(ShopwareClient client) : IMarketplaceListingReader
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Fields = new Dictionary<string, IReadOnlyList<string>>
    {
        ["product"] = ["id", "productNumber", "name", "description", "active", "stock", "price", "createdAt", "updatedAt"],
    };

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Shopware;

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteListing> GetListingsAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Require();
        var criteria = new ShopwareCriteria
        {
            Limit = client.Options.PageSize, Includes = Fields, Sort = ["id"],
            Filter = updatedSince is { } since ? [ShopwareFilter.Any(ShopwareFilter.AtLeast("updatedAt", since), ShopwareFilter.AtLeast("createdAt", since))] : [],
        };
        await foreach (var product in client.SearchAllProductsAsync(criteria, cancellationToken))
        {
            if (!string.IsNullOrEmpty(product.ProductNumber))
            {
                yield return ToRemote(product);
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteListing?> GetListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        Require();
        var page = await client.SearchProductsAsync(new ShopwareCriteria { Limit = 1, Includes = Fields, Filter = [ShopwareFilter.EqualTo("productNumber", sku)] }, cancellationToken);
        return page.Data.FirstOrDefault() is { } product ? ToRemote(product) : null;
    }

    private void Require()
    {
        if (client.Options.Mode == ShopwareRolloutMode.Off)
        {
            throw new ShopwareRolloutException(ShopwareRolloutMode.Off, "product search");
        }
    }

    private RemoteListing ToRemote(ShopwareProduct product)
    {
        var reference = ShopwareProductMapper.ToReference(product, client.Options.BaseUrl);
        return new RemoteListing(MarketplacePlatform.Shopware, product.ProductNumber!, product.Id, reference.Url, reference.Status, product.Stock,
            product.GrossIn(client.Options.CurrencyId), client.Options.CurrencyCode, product.Name, product.Description, product.UpdatedAt ?? product.CreatedAt);
    }
}
