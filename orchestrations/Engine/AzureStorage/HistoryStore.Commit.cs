using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Committing a step.</content>
internal sealed partial class HistoryStore
{
    /// <summary>
    /// Writes a step's history rows and outbox, and the new <c>$state</c>, guarded by <paramref name="before"/>'s
    /// ETag. Usually one entity group transaction; a step too big for one is written in several, each of which
    /// re-checks and bumps the <c>$state</c> ETag, and only the last advances the committed row count, so a crash
    /// or a lost race in between leaves nothing visible.
    /// </summary>
    /// <exception cref="RequestFailedException">412/409 when another writer changed the instance first.</exception>
    public async Task<Snapshot> CommitAsync(string instanceId, Snapshot before, OrchestrationStep step, IReadOnlyList<OutboxEntry> outbox, CancellationToken cancellationToken)
    {
        // Rows known to be obsolete (the previous step's outbox, already sent) are deleted in the same transaction.
        var obsolete = before.StaleRowKeys;
        var state = step.State ?? throw new ArgumentException("The step changed nothing.", nameof(step));
        var executionId = state.ExecutionId ?? string.Empty;
        var continuing = !step.IsNewExecution && before.ExecutionId == executionId;
        var firstRow = continuing ? before.Rows : 0;
        var rows = new List<TableEntity>();
        foreach (var text in await PackEventsAsync(instanceId, step.NewEvents, cancellationToken))
        {
            var row = new TableEntity(instanceId, $"{executionId}-{(firstRow + rows.Count).ToString("D8", CultureInfo.InvariantCulture)}");
            LargeText.SetInline(row, "Events", text);
            rows.Add(row);
        }

        var committedRows = firstRow + rows.Count;
        var outboxRows = PackOutbox(outbox).Select((text, k) =>
        {
            var row = new TableEntity(instanceId, $"{OutboxPrefix}{executionId}-{committedRows.ToString("D8", CultureInfo.InvariantCulture)}-{k.ToString("D3", CultureInfo.InvariantCulture)}")
            {
                ["ExecutionId"] = executionId,
                ["Step"] = committedRows,
            };
            LargeText.SetInline(row, "Messages", text);
            return row;
        }).ToList();

        var finalState = new TableEntity(instanceId, StateRowKey)
        {
            ["ExecutionId"] = executionId,
            ["Rows"] = committedRows,
            ["Status"] = state.Status.ToString(),
        };
        await largeText.SetAsync(finalState, "State", JsonSerializer.Serialize(state, QueueEnvelope.Json), $"{instanceId}/state-{Guid.NewGuid():N}", cancellationToken);

        var etag = before.ETag;
        var written = rows.Concat(outboxRows).Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        obsolete = [.. obsolete.Where(rk => !written.Contains(rk)),
            .. continuing || before.ExecutionId is null ? [] : Enumerable.Range(0, (int)before.Rows).Select(n => $"{before.ExecutionId}-{n.ToString("D8", CultureInfo.InvariantCulture)}")];
        var chunks = Chunk([.. rows, .. outboxRows]);
        var deletes = obsolete.Count + rows.Count + outboxRows.Count <= TableClient.MaxTransactionActions - 1 ? obsolete : [];
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var stateRow = last ? finalState : Interim(instanceId, before);
            var stateAction = etag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, stateRow)
                : new TableTransactionAction(last ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge, stateRow, etag);
            var actions = chunks[i].Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))
                .Concat(last ? deletes.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk))) : [])
                .Append(stateAction).ToList();
            var results = await table.SubmitTransactionAsync(actions, cancellationToken);
            etag = results.Single(r => r.Index == actions.Count - 1).ETag;
        }

        var events = continuing ? [.. before.Events, .. step.NewEvents] : step.NewEvents.ToList();
        // The new outbox is sent by the caller; its rows become obsolete with the next commit.
        return new Snapshot(etag, executionId, committedRows, events, [], [.. obsolete.Except(deletes), .. outboxRows.Select(r => r.RowKey)], state);
    }

    private static TableEntity Interim(string instanceId, Snapshot before)
    {
        // Merged over the committed state: only bumps the ETag, so that the next chunk is guarded too.
        return new TableEntity(instanceId, StateRowKey)
        {
            ["ExecutionId"] = before.ExecutionId ?? string.Empty,
            ["Rows"] = before.Rows,
        };
    }

    private async Task<List<string>> PackEventsAsync(string instanceId, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var current = new StringBuilder("[");
        foreach (var e in events)
        {
            var json = JsonSerializer.Serialize(new RowItem(e, null), QueueEnvelope.Json);
            if (Encoding.UTF8.GetByteCount(json) > thresholdBytes)
            {
                var blobName = $"{instanceId}/event-{Guid.NewGuid():N}";
                await largeText.UploadBlobTextAsync(blobName, JsonSerializer.Serialize(e, QueueEnvelope.Json), cancellationToken);
                json = JsonSerializer.Serialize(new RowItem(null, blobName), QueueEnvelope.Json);
            }

            if (current.Length > 1 && current.Length + json.Length > MaxRowChars)
            {
                texts.Add(current.Append(']').ToString());
                current.Clear().Append('[');
            }

            current.Append(current.Length > 1 ? "," : string.Empty).Append(json);
        }

        if (current.Length > 1)
        {
            texts.Add(current.Append(']').ToString());
        }

        return texts;
    }

    private static List<string> PackOutbox(IReadOnlyList<OutboxEntry> outbox)
    {
        var texts = new List<string>();
        var batch = new List<OutboxEntry>();
        var size = 0;
        foreach (var entry in outbox)
        {
            if (batch.Count > 0 && size + entry.Text.Length + 200 > MaxRowChars)
            {
                texts.Add(JsonSerializer.Serialize(batch, QueueEnvelope.Json));
                batch.Clear();
                size = 0;
            }

            batch.Add(entry);
            size += entry.Text.Length + 200;
        }

        if (batch.Count > 0)
        {
            texts.Add(JsonSerializer.Serialize(batch, QueueEnvelope.Json));
        }

        return texts;
    }

    /// <summary>Groups rows into transactions of at most 99 rows (plus <c>$state</c>) and about 3 MB.</summary>
    private static List<List<TableEntity>> Chunk(List<TableEntity> entities)
    {
        var chunks = new List<List<TableEntity>> { new() };
        var bytes = 0;
        foreach (var entity in entities)
        {
            var size = LargeText.Size(entity);
            if (chunks[^1].Count == TableClient.MaxTransactionActions - 1 || (chunks[^1].Count > 0 && bytes + size > 3_000_000))
            {
                chunks.Add([]);
                bytes = 0;
            }

            chunks[^1].Add(entity);
            bytes += size;
        }

        return chunks;
    }
}
