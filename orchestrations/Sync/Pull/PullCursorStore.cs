using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// The per-platform pull cursor (the last pulled listing key: the platform's <c>UpdatedAt</c> high-water mark)
/// shared by INCREMENTAL full pulls and the hourly reconciliation. One row per platform in table
/// <c>{catalog table}cursors</c>. The cursor only moves forward: <see cref="AdvanceAsync"/> with an older key is a no-op,
/// so a repeated page (at-least-once activities) cannot move it back.
/// </summary>
public sealed class PullCursorStore
{
    private const string Partition = "pull";
    private readonly TableClient _table;
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _exists;

    public PullCursorStore(TableServiceClient tables, CatalogOptions catalog)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(catalog);
        _table = tables.GetTableClient(catalog.TableName + "cursors");
    }

    /// <summary>The platform's cursor, or null before its first pull.</summary>
    public async Task<PullCursor?> GetAsync(Platform platform, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = await ReadAsync(platform, cancellationToken);
        return entity is null ? null : new PullCursor(entity.GetDateTimeOffset("UpdatedAt"), entity.GetString("Sku") ?? string.Empty, entity.GetString("ExternalId") ?? string.Empty);
    }

    /// <summary>Moves the platform's cursor to <paramref name="cursor"/> unless it is already there or further.</summary>
    public async Task AdvanceAsync(Platform platform, PullCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        await EnsureTableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadAsync(platform, cancellationToken);
            if (entity is not null)
            {
                var current = new PullCursor(entity.GetDateTimeOffset("UpdatedAt"), entity.GetString("Sku") ?? string.Empty, entity.GetString("ExternalId") ?? string.Empty);
                if (!current.IsBefore(cursor.UpdatedAt, cursor.Sku, cursor.ExternalId))
                {
                    return;
                }
            }

            var row = new TableEntity(Partition, platform.ToWire()) { ["Sku"] = cursor.Sku, ["ExternalId"] = cursor.ExternalId };
            if (cursor.UpdatedAt is { } at)
            {
                row["UpdatedAt"] = at.ToUniversalTime();
            }

            try
            {
                if (entity is null)
                {
                    await _table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 409 && attempt < 20)
            {
                // Another writer moved it meanwhile: read again and compare.
            }
        }
    }

    private async Task<TableEntity?> ReadAsync(Platform platform, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, platform.ToWire(), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (!_exists)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
