using Azure;
using Azure.Data.Tables;

namespace Marketplace.Shared.Secrets;

/// <summary>
/// FOR LOCAL DEVELOPMENT ONLY (Azurite, the standalone host): secrets as plain-text entities in a table of the app's
/// storage account (default <see cref="DefaultTableName"/>), so the Shopify connect flow can save its token without a
/// Key Vault. Anyone who can read the storage account can read these values; deployed apps use
/// <see cref="KeyVaultSecretStore"/>. Names are case-insensitive (stored lower-case, as Key Vault treats them).
/// Set is an unconditional upsert (last writer wins); Delete of a missing secret is a no-op. The table is created
/// on first write; a missing table reads as no secrets. Thread-safe.
/// </summary>
public sealed class TableSecretStore : ISecretStore
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "localsecrets";

    private const string PartitionKey = "secret";
    private const string ValueProperty = "Value";
    private readonly TableClient _table;
    private volatile bool _tableCreated;

    /// <summary>A store in <paramref name="tables"/>' table <paramref name="tableName"/>.</summary>
    public TableSecretStore(TableServiceClient tables, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(tableName);
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        var rowKey = RowKey(name);
        try
        {
            var entity = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, rowKey, [ValueProperty], cancellationToken).ConfigureAwait(false);
            return entity.HasValue ? entity.Value!.GetString(ValueProperty) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask SetSecretAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var rowKey = RowKey(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_tableCreated)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _tableCreated = true;
        }

        var entity = new TableEntity(PartitionKey, rowKey) { [ValueProperty] = value };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        var rowKey = RowKey(name);
        try
        {
            await _table.DeleteEntityAsync(PartitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The table does not exist yet: nothing to delete.
        }
    }

    /// <summary>Never prints values.</summary>
    public override string ToString() => $"TableSecretStore ({_table.Name}, local development)";

    private static string RowKey(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.ToLowerInvariant();
    }
}
