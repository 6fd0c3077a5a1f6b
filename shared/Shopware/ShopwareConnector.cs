using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for Shopware 6, within the configured <see cref="ShopwareRolloutMode"/> (a call the
/// mode does not allow throws <see cref="ShopwareRolloutException"/> before anything is sent). Products are keyed by
/// product number = SKU; ours get an id derived from the SKU, so creates are upserts through <c>_action/sync</c> and
/// repeatable. Stock goes in <c>_action/sync</c> batches (<see cref="SetQuantitiesAsync"/>). A sold one-off ends as
/// stock 0, or also inactive (<see cref="ShopwareEndMode.Deactivate"/>, full mode only).
/// </summary>
public sealed partial class ShopwareConnector(ShopwareClient client, ILogger<ShopwareConnector>? logger = null) : IMarketplaceConnector, IMarketplaceBatchConnector
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly ShopwareCategories _categories = new(client);

    private ShopwareClientOptions Options => client.Options;

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.Shopware;

    /// <inheritdoc />
    public async Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default)
    {
        Require(ShopwareRolloutMode.SearchOnly, "product search");
        var product = await FindAsync(sku, cancellationToken);
        return product is null ? null : ShopwareProductMapper.ToReference(product, Options.BaseUrl);
    }

    /// <inheritdoc />
    /// <remarks>Stock-only mode updates the stock of an existing product and refuses to create one.</remarks>
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Require(ShopwareRolloutMode.StockOnly, "product writes");
        if (Options.Mode == ShopwareRolloutMode.StockOnly)
        {
            var product = await FindAsync(draft.Sku, cancellationToken) ?? throw new ShopwareRolloutException(Options.Mode, $"creating product '{draft.Sku}'");
            await WriteStockAsync(product.Id, draft.Quantity, cancellationToken);
            return ShopwareProductMapper.ToReference(product with { Stock = draft.Quantity }, Options.BaseUrl);
        }

        var result = await UpsertListingsAsync([draft], cancellationToken);
        var id = result.Written.TryGetValue(draft.Sku, out var written)
            ? written
            : throw new ShopwareValidationException($"Shopware refused product '{draft.Sku}': {result.Failed.GetValueOrDefault(draft.Sku)}", [], null, null);
        return Reference(id, draft);
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        Require(ShopwareRolloutMode.StockOnly, "stock writes");
        if (quantity <= 0)
        {
            await EndListingAsync(sku, "sold out", cancellationToken);
            return;
        }

        if (_ids.TryGetValue(sku, out var known))
        {
            try
            {
                await WriteStockAsync(known, quantity, cancellationToken);
                return;
            }
            catch (ShopwareValidationException)
            {
                // The product was deleted (or replaced) since its id was learnt: look it up again.
                _ids.TryRemove(sku, out _);
            }
        }

        var product = await FindAsync(sku, cancellationToken)
            ?? throw new ShopwareException($"Shopware has no product with number '{sku}' to set the stock of.", System.Net.HttpStatusCode.NotFound);
        await WriteStockAsync(product.Id, quantity, cancellationToken);
    }

    /// <inheritdoc />
    public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) => EndListingAsync(sku, null, reason, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// With the recorded product id (or one known from an earlier call) a sale's end is one <c>_action/sync</c> request, no
    /// search. A product Shopware no longer has makes that upsert invalid (it would be a create without name or price): then
    /// the product is looked up by number, and a SKU Shopware does not have is already ended.
    /// </remarks>
    public async Task EndListingAsync(string sku, string? externalId, string reason, CancellationToken cancellationToken = default)
    {
        Require(ShopwareRolloutMode.StockOnly, "stock writes");
        ArgumentException.ThrowIfNullOrEmpty(sku);
        if ((string.IsNullOrEmpty(externalId) ? _ids.GetValueOrDefault(sku) : externalId) is { } known)
        {
            try
            {
                await EndAsync(known, cancellationToken);
                return;
            }
            catch (ShopwareValidationException)
            {
                _ids.TryRemove(sku, out _);
            }
        }

        if (await FindAsync(sku, cancellationToken) is { } product)
        {
            await EndAsync(product.Id, cancellationToken);
        }
    }

    private Task EndAsync(string id, CancellationToken cancellationToken)
    {
        var row = new JsonObject { ["id"] = id, ["stock"] = 0 };
        if (Options.EndMode == ShopwareEndMode.Deactivate && Options.Mode == ShopwareRolloutMode.Full)
        {
            row["active"] = false;
        }

        return client.SyncAsync([ShopwareSyncOperation.Upsert("end-product", "product", [row])], cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Require(ShopwareRolloutMode.SearchOnly, "order search");
        await foreach (var order in client.SearchOrdersAsync(since, cancellationToken))
        {
            foreach (var sale in ShopwareSales.ToSaleEvents(order))
            {
                yield return sale;
            }
        }
    }

    /// <summary>Throws unless the configured mode is at least <paramref name="needed"/>.</summary>
    internal void Require(ShopwareRolloutMode needed, string operation)
    {
        if (Options.Mode < needed)
        {
            throw new ShopwareRolloutException(Options.Mode, operation);
        }
    }

    private Task WriteStockAsync(string id, int quantity, CancellationToken cancellationToken) =>
        client.SyncAsync([ShopwareSyncOperation.Upsert("write-stock", "product", [new JsonObject { ["id"] = id, ["stock"] = quantity }])], cancellationToken);

    private async Task<ShopwareProduct?> FindAsync(string sku, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var page = await client.SearchProductsAsync(new ShopwareCriteria { Limit = 1, Filter = [ShopwareFilter.EqualTo("productNumber", sku)] }, cancellationToken);
        var product = page.Data.FirstOrDefault();
        if (product is not null)
        {
            _ids[sku] = product.Id;
        }

        return product;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopware refused {Sku} in {Operation}: {Error}")]
    private static partial void LogRefused(ILogger logger, string sku, string operation, string error);
}
