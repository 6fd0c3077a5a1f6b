using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Catalog.Outbox;

/// <summary>
/// Turns pending outbox entries into orchestration starts, exactly one per entry: the entry id is the
/// instance id and <see cref="IOrchestrationStarter"/> is idempotent per instance id, so an entry scheduled
/// by a dispatcher that died before marking it dispatched is scheduled again harmlessly and then marked.
/// Concurrent dispatchers are safe for the same reason. Run <see cref="DispatchPendingAsync"/> on a timer (the
/// recovery sweep) and, for low latency, <see cref="DispatchPendingAsync"/> with a SKU right after a write.
/// </summary>
public sealed partial class OutboxDispatcher
{
    private readonly CatalogTable _table;
    private readonly IOrchestrationStarter _starter;
    private readonly ILogger _logger;

    internal OutboxDispatcher(CatalogTable table, IOrchestrationStarter starter, ILogger<OutboxDispatcher> logger)
    {
        _table = table;
        _starter = starter;
        _logger = logger;
    }

    /// <summary>
    /// Schedules every pending entry (of one product's partition, or of all products: the outbox key range of each partition — when
    /// <paramref name="sku"/> is null) and marks each dispatched. Returns how many entries this call marked.
    /// A failure to schedule propagates; entries before it stay dispatched, the rest stay pending.
    /// </summary>
    public async Task<int> DispatchPendingAsync(string? sku = null, CancellationToken cancellationToken = default)
    {
        var pending = "Pending eq true";
        var entities = sku is null
            ? _table.QueryKindAsync(CatalogKeys.Outbox, pending, cancellationToken: cancellationToken)
            : _table.QueryProductRowsAsync(sku, CatalogKeys.Outbox, pending, cancellationToken);
        var marked = 0;
        await foreach (var entity in entities)
        {
            var entry = CatalogJson.Deserialize<OutboxEntry>(entity.GetString(CatalogKeys.DataColumn)!);
            var instanceId = await _starter.ScheduleAsync(entry.Orchestrator, entry.Id, entry.InputJson, cancellationToken);
            if (await MarkDispatchedAsync(entity, entry, cancellationToken))
            {
                marked++;
                LogDispatched(_logger, entry.Id, entry.Orchestrator, entry.Sku, instanceId, entry.CorrelationId);
            }
        }

        return marked;
    }

    /// <summary>The outbox entries of one product, oldest first (pending and dispatched).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string sku, CancellationToken cancellationToken = default)
    {
        var entries = new List<OutboxEntry>();
        await foreach (var (entry, _) in _table.QueryPartitionAsync<OutboxEntry>(sku, CatalogKeys.Outbox, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<bool> MarkDispatchedAsync(TableEntity entity, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var update = new TableEntity(entity.PartitionKey, entity.RowKey)
        {
            ["Pending"] = false,
            [CatalogKeys.DataColumn] = CatalogJson.Serialize(entry with { DispatchedAt = _table.Time.GetUtcNow() }),
        };
        try
        {
            await _table.Client.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Another dispatcher marked it first; the orchestration was scheduled once either way.
            return false;
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Dispatched outbox entry {EntryId} as {Orchestrator} for {Sku} (instance {InstanceId}, correlation {CorrelationId})")]
    private static partial void LogDispatched(ILogger logger, string entryId, string orchestrator, string sku, string instanceId, string correlationId);
}
