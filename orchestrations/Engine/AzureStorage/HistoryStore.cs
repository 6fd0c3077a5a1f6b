using System.Globalization;
using System.Text.Json;
using Azure;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>
/// One instance's history partition: a <c>$state</c> row (execution id, committed row count, instance state; its
/// ETag guards every write), history rows <c>{executionId}-{n:D8}</c> each holding the events of one step as a JSON
/// array, and outbox rows with the messages a committed step still has to send.
/// </summary>
internal sealed partial class HistoryStore(TableClient table, LargeText largeText, int thresholdBytes)
{
    public const string StateRowKey = "$state";
    private const string OutboxPrefix = "$outbox-";
    private const int MaxRowChars = 400_000;

    /// <summary>A message a step must send: to a control queue (orchestrations) or the work-item queue (activities).</summary>
    public sealed record OutboxEntry(bool ToWorkItems, string InstanceId, string Text, DateTime? DeliverAt);

    /// <summary>The committed history and what is left to send.</summary>
    public sealed record Snapshot(ETag ETag, string? ExecutionId, long Rows, IReadOnlyList<HistoryEvent> Events,
        IReadOnlyList<(string RowKey, IReadOnlyList<OutboxEntry> Entries)> PendingOutbox, IReadOnlyList<string> StaleRowKeys, OrchestrationState? State = null)
    {
        public static Snapshot Empty { get; } = new(default, null, 0, [], [], []);
    }

    private sealed record RowItem(HistoryEvent? E, string? B);

    /// <summary>The ETag of the <c>$state</c> row (default when the instance has no history).</summary>
    public async Task<ETag> ReadETagAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await table.GetEntityIfExistsAsync(instanceId, StateRowKey, ["Rows"], cancellationToken);
        return state?.ETag ?? default;
    }

    public async Task<Snapshot> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(TableFilter.Equal("PartitionKey", instanceId), cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        var state = entities.FirstOrDefault(e => e.RowKey == StateRowKey);
        if (state is null)
        {
            return Snapshot.Empty with { StaleRowKeys = [.. entities.Select(e => e.RowKey)] };
        }

        var executionId = state.GetString("ExecutionId") ?? string.Empty;
        var rows = state.GetInt64("Rows") ?? 0;
        var events = new List<HistoryEvent>();
        var pending = new List<(string, IReadOnlyList<OutboxEntry>)>();
        var stale = new List<string>();
        foreach (var entity in entities.Where(e => e.RowKey != StateRowKey).OrderBy(e => e.RowKey, StringComparer.Ordinal))
        {
            if (entity.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
            {
                var valid = entity.GetString("ExecutionId") == executionId && (entity.GetInt64("Step") ?? long.MaxValue) <= rows;
                if (valid)
                {
                    pending.Add((entity.RowKey, JsonSerializer.Deserialize<List<OutboxEntry>>(await largeText.GetAsync(entity, "Messages", cancellationToken) ?? "[]", QueueEnvelope.Json)!));
                }
                else
                {
                    stale.Add(entity.RowKey);
                }

                continue;
            }

            if (!entity.RowKey.StartsWith(executionId + "-", StringComparison.Ordinal)
                || !long.TryParse(entity.RowKey.AsSpan(executionId.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= rows)
            {
                stale.Add(entity.RowKey);
                continue;
            }

            var items = JsonSerializer.Deserialize<List<RowItem>>(await largeText.GetAsync(entity, "Events", cancellationToken) ?? "[]", QueueEnvelope.Json)!;
            foreach (var item in items)
            {
                events.Add(item.E ?? JsonSerializer.Deserialize<HistoryEvent>(await largeText.GetBlobTextAsync(item.B!, cancellationToken), QueueEnvelope.Json)!);
            }
        }

        var stateJson = await largeText.GetAsync(state, "State", cancellationToken);
        var saved = stateJson is null ? null : JsonSerializer.Deserialize<OrchestrationState>(stateJson, QueueEnvelope.Json);
        return new Snapshot(state.ETag, executionId, rows, events, pending, stale, saved);
    }

    /// <summary>The instance state saved in the <c>$state</c> row, or null without history.</summary>
    public async Task<OrchestrationState?> ReadStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await table.GetEntityIfExistsAsync(instanceId, StateRowKey, cancellationToken: cancellationToken);
        var json = state is null ? null : await largeText.GetAsync(state, "State", cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<OrchestrationState>(json, QueueEnvelope.Json);
    }

    /// <summary>Deletes rows (outbox rows once sent, rows of replaced executions); failures are left for purge.</summary>
    public async Task DeleteRowsAsync(string instanceId, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(TableClient.MaxTransactionActions))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk))), cancellationToken);
        }
    }

    /// <summary>Deletes the whole partition (purge).</summary>
    public async Task DeletePartitionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync(TableFilter.Equal("PartitionKey", instanceId), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        await DeleteRowsAsync(instanceId, keys, cancellationToken);
    }
}
