using System.Text.Json;
using Azure;
using Marketplace.Shared.Storage.Tables;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>The client side: instance rows, sending, queries and purge.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private const string InstanceRowKey = "";

    public async Task<OrchestrationState> CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        await EnsureCreatedAsync();
        var started = startMessage.Event;
        var state = new OrchestrationState
        {
            InstanceId = startMessage.InstanceId,
            Name = started.Name ?? string.Empty,
            ExecutionId = started.ExecutionId,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = started.Input,
            CreatedAt = started.Timestamp,
            LastUpdatedAt = started.Timestamp,
        };
        var row = await InstanceRowAsync(state, includeInput: true, cancellationToken);
        try
        {
            await _instances.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _instances.GetEntityIfExistsAsync(startMessage.InstanceId, InstanceRowKey, cancellationToken: cancellationToken);
            var current = existing is null ? null : await ReadInstanceRowAsync(existing, cancellationToken);
            if (current is not null && !current.Status.IsTerminal())
            {
                if (current.Status == OrchestrationRuntimeStatus.Pending)
                {
                    // The creator may have died before sending the start message; a duplicate is dropped by the engine.
                    await SendMessageAsync(StartMessageFor(current), cancellationToken);
                }

                return current;
            }

            // Finished (or just purged): replace it with the new run.
            await _history.DeletePartitionAsync(startMessage.InstanceId, cancellationToken);
            try
            {
                await _instances.UpdateEntityAsync(row, existing?.ETag ?? default, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException conflict) when (conflict.Status is 412 or 404)
            {
                // Another client replaced or removed it at the same moment: report what is there now.
                return await GetStateAsync(startMessage.InstanceId, cancellationToken)
                    ?? throw new InvalidOperationException($"Instance '{startMessage.InstanceId}' was removed while it was being rescheduled; schedule it again.", conflict);
            }
        }

        await SendMessageAsync(startMessage, cancellationToken);
        return state;
    }

    private static TaskMessage StartMessageFor(OrchestrationState state) => new()
    {
        InstanceId = state.InstanceId,
        ExecutionId = state.ExecutionId,
        MessageId = $"{state.InstanceId}:{state.ExecutionId}:start",
        Event = new HistoryEvent
        {
            Type = EventType.ExecutionStarted,
            Name = state.Name,
            Input = state.Input,
            ExecutionId = state.ExecutionId,
            Timestamp = state.CreatedAt,
        },
    };

    public async Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await EnsureCreatedAsync();
        await SendEntryAsync(new HistoryStore.OutboxEntry(false, message.InstanceId, await _envelope.EncodeOneAsync(message, cancellationToken), message.DeliverAt), cancellationToken);
    }

    public async Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var row = await _instances.GetEntityIfExistsAsync(instanceId, InstanceRowKey, cancellationToken: cancellationToken);
        return row is null ? null : await ReadInstanceRowAsync(row, cancellationToken);
    }

    public async Task<OrchestrationQueryPage> QueryStatesAsync(OrchestrationQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCreatedAsync();
        var page = await _instances.QueryPageAsync(BuildFilter(query), Math.Clamp(query.PageSize, 1, TableClient.MaxPageSize), null, continuationToken, cancellationToken);
        var states = new List<OrchestrationState>();
        foreach (var row in page.Values)
        {
            var state = await ReadInstanceRowAsync(row, cancellationToken);
            if (query.Matches(state))
            {
                states.Add(state);
            }
        }

        return new OrchestrationQueryPage(states, page.ContinuationToken);
    }

    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var row = await _instances.GetEntityIfExistsAsync(instanceId, InstanceRowKey, cancellationToken: cancellationToken);
        if (row is null)
        {
            return 0;
        }

        var state = await ReadInstanceRowAsync(row, cancellationToken);
        if (!state.Status.IsTerminal())
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {state.Status}; terminate it (or wait for it to finish) before purging.");
        }

        await _history.DeletePartitionAsync(instanceId, cancellationToken);
        await foreach (var blob in _payloads.GetBlobsAsync(instanceId + "/", cancellationToken: cancellationToken))
        {
            await _payloads.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }

        Cache(instanceId, null, 0);
        return await _instances.DeleteEntityAsync(instanceId, InstanceRowKey, row.ETag, cancellationToken) ? 1 : 0;
    }

    private static string? BuildFilter(OrchestrationQuery query)
    {
        var conditions = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            conditions.Add(TableFilter.Or([.. statuses.Select(s => TableFilter.Equal("Status", s.ToString()))]));
        }

        if (query.CreatedFrom is { } from)
        {
            conditions.Add(TableFilter.GreaterThanOrEqual("CreatedAt", new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc))));
        }

        if (query.CreatedTo is { } to)
        {
            conditions.Add(TableFilter.LessThanOrEqual("CreatedAt", new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc))));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            conditions.Add(TableFilter.GreaterThanOrEqual("PartitionKey", prefix));
            conditions.Add(TableFilter.LessThan("PartitionKey", prefix[..^1] + (char)(prefix[^1] + 1)));
        }

        return conditions.Count == 0 ? null : TableFilter.And([.. conditions]);
    }

    private async Task UpsertInstanceRowAsync(OrchestrationState state, bool includeInput, CancellationToken cancellationToken) =>
        await _instances.UpsertEntityAsync(await InstanceRowAsync(state, includeInput, cancellationToken), TableUpdateMode.Merge, cancellationToken);

    private async Task<TableEntity> InstanceRowAsync(OrchestrationState state, bool includeInput, CancellationToken cancellationToken)
    {
        var row = new TableEntity(state.InstanceId, InstanceRowKey)
        {
            ["Name"] = state.Name,
            ["Status"] = state.Status.ToString(),
            ["ExecutionId"] = state.ExecutionId ?? string.Empty,
            ["CreatedAt"] = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc)),
            ["LastUpdatedAt"] = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc)),
            ["ParentInstanceId"] = state.ParentInstanceId ?? string.Empty,
            ["FailureDetails"] = state.FailureDetails is null ? string.Empty : JsonSerializer.Serialize(state.FailureDetails, QueueEnvelope.Json),
            ["CustomStatus"] = string.Empty,
            ["Output"] = string.Empty,
        };
        if (includeInput)
        {
            row["Input"] = string.Empty;
            await _largeText.SetAsync(row, "Input", state.Input, $"{state.InstanceId}/input-{Guid.NewGuid():N}", cancellationToken);
            row["HasInput"] = state.Input is not null;
        }

        await _largeText.SetAsync(row, "CustomStatus", state.CustomStatus, $"{state.InstanceId}/status-{Guid.NewGuid():N}", cancellationToken);
        await _largeText.SetAsync(row, "Output", state.Output, $"{state.InstanceId}/output-{Guid.NewGuid():N}", cancellationToken);
        row["HasCustomStatus"] = state.CustomStatus is not null;
        row["HasOutput"] = state.Output is not null;
        return row;
    }

    private async Task<OrchestrationState> ReadInstanceRowAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var failure = row.GetString("FailureDetails");
        return new OrchestrationState
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString("Name") ?? string.Empty,
            ExecutionId = row.GetString("ExecutionId"),
            Status = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            Input = row.GetBoolean("HasInput") == true ? await _largeText.GetAsync(row, "Input", cancellationToken) : null,
            Output = row.GetBoolean("HasOutput") == true ? await _largeText.GetAsync(row, "Output", cancellationToken) : null,
            CustomStatus = row.GetBoolean("HasCustomStatus") == true ? await _largeText.GetAsync(row, "CustomStatus", cancellationToken) : null,
            FailureDetails = string.IsNullOrEmpty(failure) ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, QueueEnvelope.Json),
            CreatedAt = row.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt")?.UtcDateTime ?? default,
            ParentInstanceId = string.IsNullOrEmpty(row.GetString("ParentInstanceId")) ? null : row.GetString("ParentInstanceId"),
        };
    }
}
