using Azure;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>
/// Messages delivered by a host (Azure Functions queue triggers) instead of this backend's pollers: the host
/// receives, renews and deletes the queue message; the backend only decodes it, loads history, commits and sends.
/// </content>
public sealed partial class AzureStorageOrchestrationService
{
    /// <summary>The control queues' names, by partition (<c>{hub}-control-00</c>..).</summary>
    internal IReadOnlyList<string> ControlQueueNames => [.. _control.Select(q => q.Name)];

    /// <summary>The activity queue's name (<c>{hub}-workitems</c>).</summary>
    internal string WorkItemQueueName => _workItems.Name;

    /// <summary>
    /// Decodes a delivered queue message. Null when there is nothing to run: the text is undecodable (dropped, as the
    /// pollers do), or it is a timer beyond the queue's 7-day visibility limit (re-armed for the rest of its wait).
    /// </summary>
    internal async Task<IReadOnlyList<TaskMessage>?> DecodeDeliveredAsync(string queueName, string text, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        IReadOnlyList<TaskMessage> messages;
        try
        {
            messages = await _envelope.DecodeAsync(text, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or RequestFailedException { Status: 404 })
        {
            Log.Undecodable(_logger, "(host-delivered)", queueName, ex);
            return null;
        }

        var isControl = queueName != _workItems.Name;
        if (isControl && messages.Max(m => m.DeliverAt) is { } at && at > UtcNow.AddSeconds(1))
        {
            await SendEntryAsync(new HistoryStore.OutboxEntry(false, messages[0].InstanceId, text, at), cancellationToken);
            return null;
        }

        return messages;
    }

    /// <summary>
    /// A work item for <paramref name="messages"/> (all for <paramref name="instanceId"/>) over freshly loaded history.
    /// It consumes no queue message (the host deletes the delivered one after success) and is never cached: without
    /// a partition lease, only the <c>$state</c> ETag keeps concurrent steps of one instance apart.
    /// </summary>
    internal async Task<OrchestrationWorkItem> LoadDeliveredWorkItemAsync(string instanceId, IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        var snapshot = await _history.LoadAsync(instanceId, cancellationToken);
        return new AzureOrchestrationWorkItem
        {
            InstanceId = instanceId,
            History = snapshot.Events,
            NewMessages = messages,
            Consumed = [],
            Snapshot = snapshot,
            Epoch = -1,
        };
    }

    /// <summary>
    /// Commits and sends a step of a delivered work item, then deletes its outbox rows: each delivered step loads
    /// history afresh, and an outbox row left behind would be taken for a crashed step's and sent again.
    /// </summary>
    internal async Task CompleteDeliveredWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken)
    {
        await CompleteOrchestrationWorkItemAsync(workItem, step, cancellationToken);

        // Without a commit, a recovered (re-sent) outbox is deleted here rather than with the next commit.
        IReadOnlyList<string> sent = step.State is null ? [.. ((AzureOrchestrationWorkItem)workItem).Snapshot.PendingOutbox.Select(p => p.RowKey)] : [];
        lock (_gate)
        {
            if (step.State is not null && _cache.Remove(workItem.InstanceId, out var committed) && committed.Epoch == -1)
            {
                sent = committed.Snapshot.StaleRowKeys;
            }
        }

        await DeleteQuietlyAsync(workItem.InstanceId, sent, cancellationToken);
    }

    /// <summary>Sends activity results to their instances' control queues, batched per instance.</summary>
    internal async Task SendDeliveredResultsAsync(IReadOnlyList<TaskMessage> responses, CancellationToken cancellationToken)
    {
        var entries = new List<HistoryStore.OutboxEntry>();
        foreach (var group in responses.GroupBy(r => r.InstanceId, StringComparer.Ordinal))
        {
            foreach (var text in await _envelope.EncodeAsync(group, cancellationToken))
            {
                entries.Add(new HistoryStore.OutboxEntry(false, group.Key, text, null));
            }
        }

        await SendAllAsync(entries, cancellationToken);
    }
}
