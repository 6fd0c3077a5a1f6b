using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Marketplace.Shared.Catalog.Products;
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
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsConcurrencyConflict),
                MaxRetryAttempts = Math.Max(1, options.MaxConcurrencyAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(2),
                MaxDelay = TimeSpan.FromMilliseconds(100),
                UseJitter = true,
            })
            .Build();
    }

    public TableClient Client { get; }

    /// <summary>A concurrent writer changed the row first: 412, or 409 on an insert whose key exists (a transaction's Add included).</summary>
    public static bool IsConcurrencyConflict(RequestFailedException exception) =>
        exception.Status == 412 || (exception.Status == 409 && exception.ErrorCode == TableErrorCode.EntityAlreadyExists.ToString());

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
        var entity = await ReadEntityAsync(sku, CatalogKeys.ProductRow(sku), cancellationToken);
        return entity is null ? null : ToStoredProduct(entity);
    }

    public async Task<StoredProduct> ReadExistingProductAsync(string sku, CancellationToken cancellationToken) =>
        await ReadProductAsync(sku, cancellationToken) ?? throw new CatalogNotFoundException($"There is no product with SKU '{sku}'.", "sku");

    public static StoredProduct ToStoredProduct(TableEntity entity) =>
        new(CatalogJson.Deserialize<Product>(entity.GetString(CatalogKeys.DataColumn)!), entity.ETag, entity.GetInt64("LedgerSequence") ?? 0);

    /// <summary>One row of <paramref name="sku"/>'s partition (row key built with the SKU), or null.</summary>
    public async Task<TableEntity?> ReadEntityAsync(string sku, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var response = await Client.GetEntityIfExistsAsync<TableEntity>(CatalogKeys.PartitionOf(sku), rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<T?> ReadDataAsync<T>(string sku, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        var entity = await ReadEntityAsync(sku, rowKey, cancellationToken);
        return entity is null ? null : CatalogJson.Deserialize<T>(entity.GetString(CatalogKeys.DataColumn)!);
    }

    /// <summary>The <c>Data</c> of every row of <paramref name="kind"/> of one product, in row-key order.</summary>
    public async IAsyncEnumerable<(T Value, ETag ETag)> QueryPartitionAsync<T>(string sku, string kind, string? extraFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in QueryProductRowsAsync(sku, kind, extraFilter, cancellationToken))
        {
            yield return (CatalogJson.Deserialize<T>(entity.GetString(CatalogKeys.DataColumn)!), entity.ETag);
        }
    }

    /// <summary>Every row of <paramref name="kind"/> of one product (one key range of its partition), in row-key order.</summary>
    public async IAsyncEnumerable<TableEntity> QueryProductRowsAsync(string sku, string kind, string? extraFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = CatalogKeys.Range(kind, sku);
        await foreach (var entity in QueryProductRowsInRangeAsync(sku, from, to, extraFilter, cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>Rows of <paramref name="sku"/>'s partition with <paramref name="from"/> &lt;= row key &lt; <paramref name="to"/>, in row-key order.</summary>
    public async IAsyncEnumerable<TableEntity> QueryProductRowsInRangeAsync(string sku, string from, string to, string? extraFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CatalogKeys.PartitionOf(sku)} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var entity in Client.QueryAsync<TableEntity>(CatalogFilter.And(filter, extraFilter), cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>Rows of <paramref name="kind"/> across all products: one key range per partition, merged in row-key order (SKU order).</summary>
    public IAsyncEnumerable<TableEntity> QueryKindAsync(string kind, string? extraFilter = null, int? maxPerPage = null,
        CancellationToken cancellationToken = default)
    {
        var (from, to) = CatalogKeys.Range(kind);
        return QueryRangeAsync(from, to, extraFilter, maxPerPage, cancellationToken);
    }

    /// <summary>
    /// Rows with <paramref name="from"/> &lt;= row key &lt; <paramref name="to"/> in every partition, merged in row-key
    /// order (a k-way merge of one query per partition; the first pages are requested concurrently).
    /// </summary>
    public async IAsyncEnumerable<TableEntity> QueryRangeAsync(string from, string to, string? extraFilter = null, int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = CatalogFilter.And(TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}"), extraFilter);
        await foreach (var entity in CatalogMerge.MergeAsync(
            CatalogKeys.Partitions.Select(p => Client.QueryAsync<TableEntity>(CatalogFilter.And(TableClient.CreateQueryFilter($"PartitionKey eq {p}"), filter), maxPerPage, cancellationToken: cancellationToken)),
            cancellationToken))
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
