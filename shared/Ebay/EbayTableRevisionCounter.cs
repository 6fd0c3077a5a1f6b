using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Polly;
using Polly.Retry;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// <see cref="IEbayRevisionCounter"/> in an Azure Table, shared by every instance of the app: one row per SKU and eBay
/// day (partition <c>yyyyMMdd</c> of the Pacific day, row key the escaped SKU, column <c>Count</c>). An increment reads
/// the row and writes it back only if its ETag is unchanged (or inserts it when absent); a concurrent writer makes the
/// write fail with 412/409 and the increment is read and tried again (at most <see cref="MaxAttempts"/> times), so no
/// two instances can both take the last revision of a day. The table is created on first use. Rows of past days are
/// never read again (they are a few bytes each). Throws <see cref="InvalidOperationException"/> when contention never
/// settles and <see cref="RequestFailedException"/> when storage fails.
/// </summary>
public sealed partial class EbayTableRevisionCounter : IEbayRevisionCounter
{
    /// <summary>Read-and-write attempts of one increment under contention.</summary>
    public const int MaxAttempts = 32;

    private const string CountColumn = "Count";

    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _contention;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    /// <summary>Counts in table <paramref name="tableName"/> of <paramref name="tables"/> with the given daily <paramref name="limit"/>.</summary>
    public EbayTableRevisionCounter(TableServiceClient tables, string tableName, TimeProvider time, int limit)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableName().IsMatch(tableName))
        {
            throw new ArgumentException(
                $"Table name '{tableName}' is not valid: it must be 3-63 characters long, letters and digits only, and start with a letter.", nameof(tableName));
        }

        _table = tables.GetTableClient(tableName);
        _time = time ?? TimeProvider.System;
        Limit = limit;
        _contention = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(ex => ex.Status is 412 or 409),
            })
            .Build();
    }

    /// <inheritdoc />
    public int Limit { get; }

    /// <inheritdoc />
    public async ValueTask<bool> TryReserveAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        await EnsureTableAsync(cancellationToken);
        var (day, row) = Keys(sku);
        try
        {
            return await _contention.ExecuteAsync(async ct => await IncrementAsync(day, row, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409)
        {
            throw new InvalidOperationException($"The eBay revision count of SKU '{sku}' kept changing under {MaxAttempts} concurrent attempts to increment it.", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> CountTodayAsync(string sku, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        await EnsureTableAsync(cancellationToken);
        var (day, row) = Keys(sku);
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(day, row, [CountColumn], cancellationToken);
        return entity.HasValue ? entity.Value!.GetInt32(CountColumn) ?? 0 : 0;
    }

    private async Task<bool> IncrementAsync(string day, string row, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(day, row, [CountColumn], cancellationToken);
        if (!response.HasValue)
        {
            await _table.AddEntityAsync(new TableEntity(day, row) { [CountColumn] = 1 }, cancellationToken);
            return true;
        }

        var entity = response.Value!;
        var count = entity.GetInt32(CountColumn) ?? 0;
        if (count >= Limit)
        {
            return false;
        }

        await _table.UpdateEntityAsync(new TableEntity(day, row) { [CountColumn] = count + 1 }, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    private (string Day, string Row) Keys(string sku) =>
        (EbayCalendar.Today(_time.GetUtcNow()).ToString("yyyyMMdd", CultureInfo.InvariantCulture), Uri.EscapeDataString(sku));

    private async ValueTask EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}
