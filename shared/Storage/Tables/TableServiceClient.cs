using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>
/// Entry point to an account's Table service (shape of Azure.Data.Tables' <c>TableServiceClient</c>): one
/// Azure.Core pipeline (SharedKey or Entra ID auth, retries on 408/429/500/503, logging without secrets)
/// shared by every <see cref="TableClient"/> it hands out. Thread-safe; create once and reuse.
/// </summary>
public sealed class TableServiceClient
{
    private readonly StorageAccount _account;
    private readonly HttpPipeline _pipeline;

    /// <summary>Creates a client for <paramref name="account"/>'s Table endpoint.</summary>
    public TableServiceClient(StorageAccount account, StorageClientOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _pipeline = StoragePipeline.Create(account, StorageService.Table, options ?? new StorageClientOptions(), logger);
    }

    /// <summary>The Table service endpoint.</summary>
    public Uri Uri => _account.TableEndpoint;

    /// <summary>A client for one table (no request is sent; the table need not exist yet).</summary>
    /// <exception cref="ArgumentException">The name is not 3-63 letters and digits starting with a letter.</exception>
    public TableClient GetTableClient(string tableName) =>
        new(_pipeline, _account.TableEndpoint, TableKeys.ValidateTableName(tableName));

    /// <summary>Creates the table unless it exists; true when this call created it.</summary>
    public Task<bool> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the table with all its entities; false when it did not exist.</summary>
    public Task<bool> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);
}
