using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Activity work items: prefetching, visibility renewal.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly Channel<AzureActivityWorkItem> _activities = Channel.CreateUnbounded<AzureActivityWorkItem>();
    private readonly ConcurrentDictionary<string, QueueLease> _outstanding = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _activityWake = new(0);

    /// <summary>One received work-item queue message; deleted once every activity in it has reported its result.</summary>
    private sealed class QueueLease(string queueMessageId, string popReceipt, int count)
    {
        public string QueueMessageId { get; } = queueMessageId;

        public string PopReceipt { get; set; } = popReceipt;

        public SemaphoreSlim Receipt { get; } = new(1, 1);

        public int Remaining = count;

        public volatile bool Abandoned;
    }

    private sealed class AzureActivityWorkItem : ActivityWorkItem
    {
        public required QueueLease Lease { get; init; }
    }

    private void WakeActivities()
    {
        if (_activityWake.CurrentCount == 0)
        {
            _activityWake.Release();
        }
    }

    private async Task ActivityPollLoopAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var room = _options.ActivityPrefetch - _activities.Reader.Count;
                if (room <= 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5), _time, stopping);
                    continue;
                }

                var received = await _workItems.ReceiveMessagesAsync(Math.Min(32, room), _options.WorkItemVisibilityTimeout, stopping);
                if (received.Count == 0)
                {
                    delay = delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingDelay.Ticks));
                    await _activityWake.WaitAsync(delay, stopping);
                    continue;
                }

                delay = TimeSpan.Zero;
                foreach (var queued in received)
                {
                    IReadOnlyList<TaskMessage> messages;
                    try
                    {
                        messages = await _envelope.DecodeAsync(queued.MessageText, stopping);
                    }
                    catch (Exception ex) when (ex is System.Text.Json.JsonException or RequestFailedException)
                    {
                        Log.Undecodable(_logger, queued.MessageId, _workItems.Name, ex);
                        await DeleteQuietlyAsync(_workItems, queued.MessageId, queued.PopReceipt);
                        continue;
                    }

                    var lease = new QueueLease(queued.MessageId, queued.PopReceipt, messages.Count);
                    _outstanding[queued.MessageId] = lease;
                    foreach (var message in messages)
                    {
                        TrackInFlight(message.InstanceId, +1);
                        _activities.Writer.TryWrite(new AzureActivityWorkItem { Message = message, Lease = lease });
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
            {
                Log.PollFailed(_logger, _workItems.Name, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    /// <summary>Keeps activity messages invisible while they wait or run, so that long activities are not run twice.</summary>
    private async Task RenewActivitiesLoopAsync(CancellationToken stopping)
    {
        var interval = _options.WorkItemVisibilityTimeout / 3;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var lease in _outstanding.Values)
            {
                await lease.Receipt.WaitAsync(CancellationToken.None);
                try
                {
                    if (_outstanding.ContainsKey(lease.QueueMessageId))
                    {
                        var receipt = await _workItems.UpdateMessageAsync(lease.QueueMessageId, lease.PopReceipt, visibilityTimeout: _options.WorkItemVisibilityTimeout, cancellationToken: stopping);
                        lease.PopReceipt = receipt.PopReceipt;
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException)
                {
                    Log.RenewFailed(_logger, lease.QueueMessageId, ex);
                }
                finally
                {
                    lease.Receipt.Release();
                }
            }
        }
    }

    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _activities.Reader.ReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        var item = (AzureActivityWorkItem)workItem;
        TrackInFlight(item.Message.InstanceId, -1);
        item.Lease.Abandoned = true;
        await FinishAsync(item.Lease);
    }

    /// <summary>Counts down the activities of a queue message; the last one deletes it (or, if any was abandoned, releases it).</summary>
    private async Task FinishAsync(QueueLease lease)
    {
        if (Interlocked.Decrement(ref lease.Remaining) > 0)
        {
            return;
        }

        await lease.Receipt.WaitAsync(CancellationToken.None);
        try
        {
            _outstanding.TryRemove(lease.QueueMessageId, out _);
            if (lease.Abandoned)
            {
                await _workItems.UpdateMessageAsync(lease.QueueMessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1));
            }
            else
            {
                await DeleteQuietlyAsync(_workItems, lease.QueueMessageId, lease.PopReceipt);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Gone already (redelivered elsewhere): its activities run again there, which at-least-once allows.
        }
        finally
        {
            lease.Receipt.Release();
        }
    }
}
