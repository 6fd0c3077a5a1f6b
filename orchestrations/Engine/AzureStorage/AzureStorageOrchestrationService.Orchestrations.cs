using System.Threading.Channels;
using Azure;
using Marketplace.Shared.Storage.Queues;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Instance inboxes and orchestration work items.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Inbox> _inboxes = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Dictionary<string, (HistoryStore.Snapshot Snapshot, int Epoch)> _cache = new(StringComparer.Ordinal);

    /// <summary>One received control message: a batch of task messages, all for the same instance.</summary>
    private sealed record Received(IReadOnlyList<TaskMessage> Messages, string QueueMessageId, string PopReceipt, int Partition)
    {
        public string InstanceId => Messages[0].InstanceId;
    }

    private sealed class Inbox
    {
        public List<Received> Messages { get; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }
    }

    private sealed class AzureOrchestrationWorkItem : OrchestrationWorkItem
    {
        public required IReadOnlyList<Received> Consumed { get; init; }

        public required HistoryStore.Snapshot Snapshot { get; init; }

        public required int Epoch { get; init; }
    }

    private async Task AcceptControlMessagesAsync(ControlPartition partition, IReadOnlyList<QueueMessage> received, CancellationToken stopping)
    {
        var accepted = new List<Received>();
        foreach (var queued in received)
        {
            IReadOnlyList<TaskMessage> messages;
            try
            {
                messages = await _envelope.DecodeAsync(queued.MessageText, stopping);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or RequestFailedException)
            {
                Log.Undecodable(_logger, queued.MessageId, _control[partition.Index].Name, ex);
                await DeleteQuietlyAsync(_control[partition.Index], queued.MessageId, queued.PopReceipt);
                continue;
            }

            if (messages.Max(m => m.DeliverAt) is { } at && at > UtcNow.AddSeconds(1))
            {
                // A timer beyond the queue's 7-day visibility limit: re-arm it for the rest of the wait.
                await SendEntryAsync(new HistoryStore.OutboxEntry(false, messages[0].InstanceId, queued.MessageText, at), stopping);
                await DeleteQuietlyAsync(_control[partition.Index], queued.MessageId, queued.PopReceipt);
                continue;
            }

            accepted.Add(new Received(messages, queued.MessageId, queued.PopReceipt, partition.Index));
        }

        lock (_gate)
        {
            foreach (var message in accepted)
            {
                if (!_inboxes.TryGetValue(message.InstanceId, out var inbox))
                {
                    _inboxes[message.InstanceId] = inbox = new Inbox();
                }

                // The same queue message received again after its visibility expired: keep the newest pop receipt.
                inbox.Messages.RemoveAll(m => m.QueueMessageId == message.QueueMessageId);
                inbox.Messages.Add(message);
                if (!inbox.Locked && !inbox.Queued)
                {
                    inbox.Queued = true;
                    _ready.Writer.TryWrite(message.InstanceId);
                }
            }
        }
    }

    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            string instanceId;
            try
            {
                instanceId = await _ready.Reader.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            List<Received> batch;
            var partition = _partitions[PartitionHash.PartitionOf(instanceId, _partitions.Length)];
            lock (_gate)
            {
                if (!_inboxes.TryGetValue(instanceId, out var inbox))
                {
                    continue;
                }

                inbox.Queued = false;
                if (inbox.Locked || inbox.Messages.Count == 0)
                {
                    continue;
                }

                if (!partition.Owned)
                {
                    // Another worker owns the partition now; these messages reappear there.
                    _inboxes.Remove(instanceId);
                    continue;
                }

                inbox.Locked = true;
                batch = [.. inbox.Messages];
                inbox.Messages.Clear();
            }

            try
            {
                var epoch = partition.Epoch;
                var snapshot = await LoadHistoryAsync(instanceId, epoch, cancellationToken);
                return new AzureOrchestrationWorkItem
                {
                    InstanceId = instanceId,
                    History = snapshot.Events,
                    NewMessages = [.. batch.SelectMany(m => m.Messages)],
                    Consumed = batch,
                    Snapshot = snapshot,
                    Epoch = epoch,
                };
            }
            catch
            {
                Unlock(instanceId, batch, retryLater: true);
                throw;
            }
        }
    }

    private async Task<HistoryStore.Snapshot> LoadHistoryAsync(string instanceId, int epoch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // While this worker has held the partition lease without interruption, nobody else wrote the instance.
            if (_cache.TryGetValue(instanceId, out var cached) && cached.Epoch == epoch)
            {
                return cached.Snapshot;
            }
        }

        var snapshot = await _history.LoadAsync(instanceId, cancellationToken);
        Cache(instanceId, snapshot, epoch);
        return snapshot;
    }

    private void Cache(string instanceId, HistoryStore.Snapshot? snapshot, int epoch)
    {
        lock (_gate)
        {
            if (snapshot is null)
            {
                _cache.Remove(instanceId);
                return;
            }

            if (_cache.Count >= _options.MaxCachedHistories && !_cache.ContainsKey(instanceId))
            {
                _cache.Remove(_cache.Keys.First());
            }

            _cache[instanceId] = (snapshot, epoch);
        }
    }

    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        var item = (AzureOrchestrationWorkItem)workItem;
        Cache(item.InstanceId, null, 0);
        Unlock(item.InstanceId, item.Consumed, retryLater: true);
        await Task.CompletedTask;
    }

    private void Unlock(string instanceId, IReadOnlyList<Received> putBack, bool retryLater)
    {
        lock (_gate)
        {
            if (!_inboxes.TryGetValue(instanceId, out var inbox))
            {
                return;
            }

            inbox.Messages.InsertRange(0, putBack.Where(m => inbox.Messages.All(n => n.QueueMessageId != m.QueueMessageId)));
            inbox.Locked = false;
            if (inbox.Messages.Count == 0)
            {
                _inboxes.Remove(instanceId);
                return;
            }

            if (!inbox.Queued)
            {
                inbox.Queued = true;
                if (retryLater)
                {
                    _ = Task.Delay(TimeSpan.FromMilliseconds(500), _time).ContinueWith(_ => _ready.Writer.TryWrite(instanceId), TaskScheduler.Default);
                }
                else
                {
                    _ready.Writer.TryWrite(instanceId);
                }
            }
        }
    }

    private static async Task DeleteQuietlyAsync(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already deleted, or received again by someone with a newer pop receipt: the duplicate is dropped there.
        }
    }
}
