using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Activity work items: prefetching, visibility renewal, completion.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly Channel<AzureActivityWorkItem> _activities = Channel.CreateUnbounded<AzureActivityWorkItem>();
    private readonly ConcurrentDictionary<string, AzureActivityWorkItem> _outstanding = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _activityWake = new(0);

    private sealed class AzureActivityWorkItem : ActivityWorkItem
    {
        public required string QueueMessageId { get; init; }

        public required string PopReceipt { get; set; }

        public SemaphoreSlim Receipt { get; } = new(1, 1);
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
                    TaskMessage message;
                    try
                    {
                        message = await _envelope.DecodeAsync(queued.MessageText, stopping);
                    }
                    catch (Exception ex) when (ex is System.Text.Json.JsonException or RequestFailedException)
                    {
                        Log.Undecodable(_logger, queued.MessageId, _workItems.Name, ex);
                        await DeleteQuietlyAsync(_workItems, queued.MessageId, queued.PopReceipt);
                        continue;
                    }

                    var item = new AzureActivityWorkItem { Message = message, QueueMessageId = queued.MessageId, PopReceipt = queued.PopReceipt };
                    _outstanding[queued.MessageId] = item;
                    _activities.Writer.TryWrite(item);
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

            foreach (var item in _outstanding.Values)
            {
                await item.Receipt.WaitAsync(CancellationToken.None);
                try
                {
                    if (_outstanding.ContainsKey(item.QueueMessageId))
                    {
                        var receipt = await _workItems.UpdateMessageAsync(item.QueueMessageId, item.PopReceipt, visibilityTimeout: _options.WorkItemVisibilityTimeout, cancellationToken: stopping);
                        item.PopReceipt = receipt.PopReceipt;
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException)
                {
                    Log.RenewFailed(_logger, item.QueueMessageId, ex);
                }
                finally
                {
                    item.Receipt.Release();
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

    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
    {
        var item = (AzureActivityWorkItem)workItem;
        await SendEntryAsync(new HistoryStore.OutboxEntry(false, response.InstanceId, await _envelope.EncodeAsync(response, cancellationToken), null), cancellationToken);
        CrashPoints.Hit(CrashPoints.AfterSend);
        await item.Receipt.WaitAsync(cancellationToken);
        try
        {
            _outstanding.TryRemove(item.QueueMessageId, out _);
            await DeleteQuietlyAsync(_workItems, item.QueueMessageId, item.PopReceipt);
        }
        finally
        {
            item.Receipt.Release();
        }
    }

    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        var item = (AzureActivityWorkItem)workItem;
        await item.Receipt.WaitAsync(cancellationToken);
        try
        {
            _outstanding.TryRemove(item.QueueMessageId, out _);
            await _workItems.UpdateMessageAsync(item.QueueMessageId, item.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Gone already; nothing to release.
        }
        finally
        {
            item.Receipt.Release();
        }
    }
}
