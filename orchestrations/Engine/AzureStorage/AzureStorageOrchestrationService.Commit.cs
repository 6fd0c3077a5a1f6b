using Azure;
using Marketplace.Shared.Storage.Queues;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Completing a step: commit, send, delete.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private static readonly TimeSpan MaxQueueDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DeferralDelay = TimeSpan.FromSeconds(1);

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var item = (AzureOrchestrationWorkItem)workItem;
        var id = item.InstanceId;
        try
        {
            var snapshot = item.Snapshot;
            if (snapshot.PendingOutbox.Count > 0)
            {
                snapshot = await RecoverAsync(id, snapshot, cancellationToken);
            }

            var deferred = step.DeferredMessages.Select(m => m with { DeliverAt = UtcNow + DeferralDelay }).ToList();
            if (step.State is null)
            {
                await SendAllAsync(await EncodeAsync([], deferred, cancellationToken), cancellationToken);
            }
            else
            {
                var outbox = await EncodeAsync(step.ActivityMessages, [.. step.OrchestratorMessages, .. deferred], cancellationToken);
                var committed = await _history.CommitAsync(id, snapshot, step, outbox, cancellationToken);
                Cache(id, step.State.Status.IsTerminal() ? null : committed, item.Epoch);
                CrashPoints.Hit(CrashPoints.AfterCommit);
                var previous = snapshot.State;
                var rowChanged = previous is null || step.IsNewExecution || previous.Status != step.State.Status || previous.CustomStatus != step.State.CustomStatus;
                await Task.WhenAll(
                    SendAllAsync(outbox, cancellationToken),
                    rowChanged ? UpsertInstanceRowAsync(step.State, includeInput: snapshot.Events.Count == 0 || step.IsNewExecution, cancellationToken) : Task.CompletedTask);
            }

            CrashPoints.Hit(CrashPoints.AfterSend);
            await Task.WhenAll(item.Consumed.Select(m => DeleteQuietlyAsync(_control[m.Partition], m.QueueMessageId, m.PopReceipt)));
        }
        catch
        {
            Cache(id, null, 0);
            throw;
        }

        Unlock(id, [], retryLater: false);
    }

    /// <summary>Finishes what a crashed worker left: re-sends a committed step's outbox, re-syncs the instance row, drops uncommitted rows.</summary>
    private async Task<HistoryStore.Snapshot> RecoverAsync(string instanceId, HistoryStore.Snapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.PendingOutbox.Count > 0)
        {
            await SendAllAsync([.. snapshot.PendingOutbox.SelectMany(p => p.Entries)], cancellationToken);
            if (await _history.ReadStateAsync(instanceId, cancellationToken) is { } state)
            {
                await UpsertInstanceRowAsync(state, includeInput: true, cancellationToken);
            }
        }

        // Deleted with the next commit.
        return snapshot with { PendingOutbox = [], StaleRowKeys = [.. snapshot.StaleRowKeys, .. snapshot.PendingOutbox.Select(p => p.RowKey)] };
    }

    private async Task DeleteQuietlyAsync(string instanceId, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        if (rowKeys.Count == 0)
        {
            return;
        }

        try
        {
            await _history.DeleteRowsAsync(instanceId, rowKeys, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // Leftover rows are ignored by loads and removed by the next recovery or purge.
            Log.CleanupFailed(_logger, instanceId, ex);
        }
    }

    private async Task<List<HistoryStore.OutboxEntry>> EncodeAsync(IReadOnlyList<TaskMessage> activities, IReadOnlyList<TaskMessage> orchestrations, CancellationToken cancellationToken)
    {
        var entries = new List<HistoryStore.OutboxEntry>();
        foreach (var text in await _envelope.EncodeAsync(activities, cancellationToken))
        {
            entries.Add(new(true, activities[0].InstanceId, text, null));
        }

        // Control messages batch per target instance and delivery time: a queue message is consumed by one instance's step.
        foreach (var group in orchestrations.GroupBy(m => (m.InstanceId, m.DeliverAt)))
        {
            foreach (var text in await _envelope.EncodeAsync(group, cancellationToken))
            {
                entries.Add(new(false, group.Key.InstanceId, text, group.Key.DeliverAt));
            }
        }

        return entries;
    }

    private async Task SendAllAsync(IReadOnlyList<HistoryStore.OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count <= 1)
        {
            foreach (var entry in entries)
            {
                await SendEntryAsync(entry, cancellationToken);
            }

            return;
        }

        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (entry, token) => await SendEntryAsync(entry, token));
    }

    private async Task SendEntryAsync(HistoryStore.OutboxEntry entry, CancellationToken cancellationToken)
    {
        var delay = entry.DeliverAt is { } at ? at - UtcNow : TimeSpan.Zero;
        TimeSpan? visibility = delay <= TimeSpan.Zero ? null : delay > MaxQueueDelay ? MaxQueueDelay : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        if (entry.ToWorkItems)
        {
            await _workItems.SendMessageAsync(entry.Text, visibility, QueueClient.NeverExpires, cancellationToken);
            WakeActivities();
            return;
        }

        await _control[PartitionHash.PartitionOf(entry.InstanceId, _control.Length)].SendMessageAsync(entry.Text, visibility, QueueClient.NeverExpires, cancellationToken);
        if (visibility is null)
        {
            WakePartitionOf(entry.InstanceId);
        }
    }
}
