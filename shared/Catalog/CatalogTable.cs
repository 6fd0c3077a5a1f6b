using System.Runtime.CompilerServices;
using Azure;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Polly;
using Polly.Retry;

namespace Marketplace.Shared.Catalog;

/// <summary>A product row as read: the product (with quantity), its ETag and the last ledger sequence.</summary>
internal sealed record StoredProduct(Product Product, ETag ETag, long LedgerSequence);

/// <summary>
/// The catalog table (layout in <see cref="CatalogKeys"/>): creates it on first use, reads product rows,
/// commits <see cref="CatalogBatch"/>es and retries read-modify-write cycles that lose an ETag race (412).
/// </summary>
internal sealed class CatalogTable
{
    private readonly ResiliencePipeline _concurrency;
    private Task? _created;

    public CatalogTable(TableServiceClient service, CatalogOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Client = service.GetTableClient(options.TableName);
        Options = options;
        Time = time;
        _concurrency = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(e => e.IsConcurrencyConflict()),
                MaxRetryAttempts = Math.Max(1, options.MaxConcurrencyAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(2),
                MaxDelay = TimeSpan.FromMilliseconds(100),
                UseJitter = true,
            })
            .Build();
    }

    public TableClient Client { get; }

    public CatalogOptions Options { get; }

    public TimeProvider Time { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _created is { IsCompletedSuccessfully: true } ? Task.CompletedTask : _created = Client.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Runs a read-modify-write cycle again (fresh read) while it loses a race: 412, or 409 on an insert another writer made first.</summary>
    public async Task<T> WithConcurrencyRetryAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await _concurrency.ExecuteAsync(async ct => await attempt(ct), cancellationToken);
    }

    public async Task<StoredProduct?> ReadProductAsync(string sku, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var entity = await Client.GetEntityIfExistsAsync(sku, CatalogKeys.Product, cancellationToken: cancellationToken);
        return entity is null ? null : ToStoredProduct(entity);
    }

    public async Task<StoredProduct> ReadExistingProductAsync(string sku, CancellationToken cancellationToken) =>
        await ReadProductAsync(sku, cancellationToken) ?? throw new CatalogNotFoundException($"There is no product with SKU '{sku}'.", "sku");

    public static StoredProduct ToStoredProduct(TableEntity entity) =>
        new(CatalogJson.Deserialize<Product>(entity.GetString(CatalogKeys.DataColumn)!), entity.ETag, entity.GetInt64("LedgerSequence") ?? 0);

    public async Task<T?> ReadDataAsync<T>(string sku, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        await EnsureCreatedAsync(cancellationToken);
        var entity = await Client.GetEntityIfExistsAsync(sku, rowKey, cancellationToken: cancellationToken);
        return entity is null ? null : CatalogJson.Deserialize<T>(entity.GetString(CatalogKeys.DataColumn)!);
    }

    /// <summary>The <c>Data</c> of every row of <paramref name="kind"/> in one product's partition, in row-key order.</summary>
    public async IAsyncEnumerable<(T Value, ETag ETag)> QueryPartitionAsync<T>(string sku, string kind, string? extraFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var (from, to) = CatalogKeys.Range(kind);
        var filter = TableFilter.Create($"PartitionKey eq {sku} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var entity in Client.QueryAsync(extraFilter is null ? filter : TableFilter.And(filter, extraFilter), cancellationToken: cancellationToken))
        {
            yield return (CatalogJson.Deserialize<T>(entity.GetString(CatalogKeys.DataColumn)!), entity.ETag);
        }
    }

    /// <summary>Rows of <paramref name="kind"/> across all products (a table scan narrowed by the filter).</summary>
    public async IAsyncEnumerable<TableEntity> QueryKindAsync(string kind, string? extraFilter = null, int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableFilter.Equal(CatalogKeys.KindColumn, kind);
        await foreach (var entity in Client.QueryAsync(extraFilter is null ? filter : TableFilter.And(filter, extraFilter), maxPerPage, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    public async Task SubmitAsync(CatalogBatch batch, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Client.SubmitTransactionAsync(batch.Actions, cancellationToken);
    }
}
