using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Marketplace.Shared.Shopware;

public sealed partial class ShopwareClient
{
    /// <summary>
    /// <c>POST /api/_action/sync</c>: keyed upsert/delete operations in one request, with the <c>indexing-behavior</c>
    /// (and, for shops before 6.5, <c>single-operation</c>) headers from the options. Shopware writes all or nothing: a
    /// refused row fails the request with <see cref="ShopwareValidationException"/>, whose error pointers name the
    /// operation key and row index (<see cref="ShopwareApiError.SyncTarget"/>). Rows carry their ids, so a repeat is safe.
    /// </summary>
    public async Task<ShopwareSyncResult> SyncAsync(IReadOnlyList<ShopwareSyncOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var body = new JsonObject();
        foreach (var operation in operations)
        {
            body[operation.Key] = new JsonObject
            {
                ["entity"] = operation.Entity, ["action"] = operation.Action, ["payload"] = new JsonArray([.. operation.Payload.Select(p => p.DeepClone())]),
            };
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(_options.IndexingBehavior))
        {
            headers["indexing-behavior"] = _options.IndexingBehavior;
        }

        if (_options.SingleOperation)
        {
            headers["single-operation"] = "1";
        }

        var response = await SendAsync("sync", HttpMethod.Post, "/api/_action/sync", body, cancellationToken, headers);
        return await ReadAsync<ShopwareSyncResult>(response, cancellationToken);
    }

    /// <summary><c>GET /api/product/{id}</c>, or null when there is none.</summary>
    public async Task<ShopwareProduct?> GetProductAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            var response = await SendAsync("get product", HttpMethod.Get, $"/api/product/{Uri.EscapeDataString(id)}", null, cancellationToken);
            return (await ReadAsync<Single<ShopwareProduct>>(response, cancellationToken)).Data;
        }
        catch (ShopwareException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>POST /api/product</c> with the product's own <c>id</c> (a repeat after a lost answer fails as a duplicate, it never makes a second product).</summary>
    public async Task CreateProductAsync(JsonObject product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (product["id"] is null)
        {
            throw new ArgumentException("A product is created with its own id.", nameof(product));
        }

        (await SendAsync("create product", HttpMethod.Post, "/api/product", product, cancellationToken)).Dispose();
    }

    /// <summary><c>PATCH /api/product/{id}</c> with the fields to change.</summary>
    public async Task UpdateProductAsync(string id, JsonObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        (await SendAsync("update product", HttpMethod.Patch, $"/api/product/{Uri.EscapeDataString(id)}", changes, cancellationToken)).Dispose();
    }

    /// <summary><c>DELETE /api/product/{id}</c>; deleting a product that is gone is not an error.</summary>
    public async Task DeleteProductAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            (await SendAsync("delete product", HttpMethod.Delete, $"/api/product/{Uri.EscapeDataString(id)}", null, cancellationToken)).Dispose();
        }
        catch (ShopwareException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            // Already gone (a repeated delete).
        }
    }

    /// <summary>
    /// <c>POST /api/_action/media/{id}/upload?extension=&amp;fileName=</c> with <c>{"url": ...}</c>: Shopware fetches the image
    /// into the media row (the file name is the media id, so a repeat replaces the same file).
    /// </summary>
    public async Task UploadMediaFromUrlAsync(string mediaId, string url, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaId);
        ArgumentException.ThrowIfNullOrEmpty(url);
        var extension = Path.GetExtension(new Uri(url).AbsolutePath).TrimStart('.') is { Length: > 0 } e ? e.ToLowerInvariant() : "jpg";
        var path = $"/api/_action/media/{Uri.EscapeDataString(mediaId)}/upload?extension={Uri.EscapeDataString(extension)}&fileName={Uri.EscapeDataString(mediaId)}";
        (await SendAsync("upload media", HttpMethod.Post, path, new JsonObject { ["url"] = url }, cancellationToken)).Dispose();
    }

    /// <summary><c>POST /api/search/product</c>: one page of the criteria.</summary>
    public Task<ShopwareSearchResult<ShopwareProduct>> SearchProductsAsync(ShopwareCriteria criteria, CancellationToken cancellationToken = default) =>
        SearchAsync<ShopwareProduct>("product", criteria, cancellationToken);

    /// <summary>Every product the criteria match, page after page from <see cref="ShopwareCriteria.Page"/> (count mode <c>next-pages</c>).</summary>
    public IAsyncEnumerable<ShopwareProduct> SearchAllProductsAsync(ShopwareCriteria criteria, CancellationToken cancellationToken = default) =>
        SearchAllAsync<ShopwareProduct>("product", criteria, cancellationToken);

    /// <summary><c>POST /api/search/category</c>: one page of the criteria.</summary>
    public Task<ShopwareSearchResult<ShopwareCategory>> SearchCategoriesAsync(ShopwareCriteria criteria, CancellationToken cancellationToken = default) =>
        SearchAsync<ShopwareCategory>("category", criteria, cancellationToken);

    /// <summary>
    /// Orders created or changed at or after <paramref name="since"/> (<c>POST /api/search/order</c>, oldest first, with line
    /// items, state, currency and payment transactions). At least once: an order changed again shows up again.
    /// </summary>
    public IAsyncEnumerable<ShopwareOrder> SearchOrdersAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        SearchAllAsync<ShopwareOrder>("order", new ShopwareCriteria
        {
            Limit = _options.PageSize,
            // A new order has no updatedAt until it is first changed.
            Filter = [ShopwareFilter.Any(ShopwareFilter.AtLeast("orderDateTime", since), ShopwareFilter.AtLeast("updatedAt", since))],
            Sort = ["orderDateTime", "id"],
            Associations = ["lineItems", "stateMachineState", "currency", "transactions.stateMachineState"],
        }, cancellationToken);

    /// <summary>One order with line items, state and currency (<c>POST /api/search/order</c> by id), or null.</summary>
    public async Task<ShopwareOrder?> GetOrderAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var page = await SearchAsync<ShopwareOrder>("order", new ShopwareCriteria
        {
            Limit = 1, Filter = [ShopwareFilter.EqualTo("id", id)], Associations = ["lineItems", "stateMachineState", "currency", "transactions.stateMachineState"],
        }, cancellationToken);
        return page.Data.FirstOrDefault();
    }

    private async Task<ShopwareSearchResult<T>> SearchAsync<T>(string entity, ShopwareCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var response = await SendAsync($"search {entity}", HttpMethod.Post, $"/api/search/{entity}", criteria.ToJson(), cancellationToken);
        return await ReadAsync<ShopwareSearchResult<T>>(response, cancellationToken);
    }

    private async IAsyncEnumerable<T> SearchAllAsync<T>(string entity, ShopwareCriteria criteria, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = criteria with { TotalCountMode = ShopwareTotalCountMode.NextPages };
        while (true)
        {
            var result = await SearchAsync<T>(entity, page, cancellationToken);
            foreach (var row in result.Data)
            {
                yield return row;
            }

            // next-pages counts past this page only when there is more.
            if (result.Data.Count < page.Limit || result.Total <= page.Page * page.Limit)
            {
                yield break;
            }

            page = page with { Page = page.Page + 1 };
        }
    }

    private sealed record Single<T>(T Data);
}
