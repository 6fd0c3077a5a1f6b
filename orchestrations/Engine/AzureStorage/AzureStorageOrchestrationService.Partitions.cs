using Azure;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>Partition leases and control-queue polling.</content>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly ControlPartition[] _partitions;
    private CancellationTokenSource? _stopping;
    private Task? _leaseLoop;
    private Task? _activityLoop;
    private Task? _renewLoop;

    private sealed class ControlPartition(int index, BlobLeaseClient lease)
    {
        public int Index { get; } = index;

        public BlobLeaseClient Lease { get; } = lease;

        public volatile bool Owned;

        public int Epoch;

        public SemaphoreSlim Wake { get; } = new(0);

        public CancellationTokenSource? Stop { get; set; }

        public Task? Poller { get; set; }
    }

    /// <summary>The partitions this worker holds leases on now.</summary>
    internal IReadOnlyList<int> OwnedPartitions => [.. _partitions.Where(p => p.Owned).Select(p => p.Index)];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        // The loops get the token, not the field: a stop right after start clears the field before a loop may run.
        var stopping = new CancellationTokenSource();
        _stopping = stopping;
        var token = stopping.Token;
        await BalanceLeasesAsync(token);
        _leaseLoop = Task.Run(() => LeaseLoopAsync(token), CancellationToken.None);
        _activityLoop = Task.Run(() => ActivityPollLoopAsync(token), CancellationToken.None);
        _renewLoop = Task.Run(() => RenewActivitiesLoopAsync(token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        // Stop may be called more than once and concurrently (host stop, then disposal): only the first call stops.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        foreach (var partition in _partitions)
        {
            await ReleaseAsync(partition, release: true);
        }

        try
        {
            await _leases.DeleteBlobIfExistsAsync(HeartbeatBlob, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // A stale heartbeat only delays rebalancing by three lease periods.
            Log.Lost(_logger, _options.WorkerId, -1, ex);
        }

        await Task.WhenAll(new[] { _leaseLoop, _activityLoop, _renewLoop }.OfType<Task>());
        stopping.Dispose();
    }

    private async Task LeaseLoopAsync(CancellationToken stopping)
    {
        var interval = _options.LeaseDuration / 3;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stopping);
                await BalanceLeasesAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Renews owned leases, gives back partitions above this worker's fair share (partitions / live workers, from
    /// heartbeat blobs), and acquires free or expired ones up to it. A restarted worker gets its own back at once.
    /// </summary>
    private async Task BalanceLeasesAsync(CancellationToken stopping)
    {
        var target = Math.Min(_options.MaxPartitions, await FairShareAsync(stopping));
        foreach (var extra in _partitions.Where(p => p.Owned).Skip(target).ToList())
        {
            await ReleaseAsync(extra, release: true);
        }

        foreach (var partition in _partitions)
        {
            try
            {
                if (partition.Owned)
                {
                    await partition.Lease.RenewAsync(cancellationToken: stopping);
                    continue;
                }

                if (_partitions.Count(p => p.Owned) >= target)
                {
                    continue;
                }

                await partition.Lease.AcquireAsync(_options.LeaseDuration, cancellationToken: stopping);
                partition.Epoch++;
                partition.Owned = true;
                partition.Stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var token = partition.Stop.Token;
                partition.Poller = Task.Run(() => PollControlQueueAsync(partition, token), CancellationToken.None);
                Log.Acquired(_logger, _options.WorkerId, partition.Index);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                if (partition.Owned)
                {
                    Log.Lost(_logger, _options.WorkerId, partition.Index, ex);
                    await ReleaseAsync(partition, release: false);
                }
            }
            catch (RequestFailedException ex)
            {
                Log.Lost(_logger, _options.WorkerId, partition.Index, ex);
            }
        }
    }

    /// <summary>Writes this worker's heartbeat and returns ceil(partitions / workers seen alive within three lease periods).</summary>
    private async Task<int> FairShareAsync(CancellationToken stopping)
    {
        try
        {
            await _leases.GetBlobClient(HeartbeatBlob).UploadAsync(BinaryData.FromString(_options.WorkerId), overwrite: true, stopping);
            var alive = 0;
            var since = _time.GetUtcNow() - (3 * _options.LeaseDuration);
            await foreach (var blob in _leases.GetBlobsAsync("workers/", cancellationToken: stopping))
            {
                if (blob.Properties.LastModified is { } modified && modified >= since)
                {
                    alive++;
                }
            }

            return (int)Math.Ceiling(_partitions.Length / (double)Math.Max(1, alive));
        }
        catch (RequestFailedException ex)
        {
            // Without the census, keep what is owned and take what is free.
            Log.PollFailed(_logger, _leases.Name, ex);
            return _partitions.Length;
        }
    }

    private string HeartbeatBlob => "workers/" + Uri.EscapeDataString(_options.WorkerId);

    private async Task ReleaseAsync(ControlPartition partition, bool release)
    {
        if (!partition.Owned)
        {
            return;
        }

        partition.Owned = false;
        if (partition.Stop is { } stop)
        {
            await stop.CancelAsync();
            if (partition.Poller is { } poller)
            {
                await poller;
            }

            stop.Dispose();
            partition.Stop = null;
        }

        if (release)
        {
            try
            {
                await partition.Lease.ReleaseAsync();
            }
            catch (RequestFailedException ex)
            {
                Log.Lost(_logger, _options.WorkerId, partition.Index, ex);
            }
        }
    }

    private async Task PollControlQueueAsync(ControlPartition partition, CancellationToken stopping)
    {
        var queue = _control[partition.Index];
        var delay = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var received = await queue.ReceiveMessagesAsync(32, _options.ControlQueueVisibilityTimeout, stopping);
                if (received.Count == 0)
                {
                    delay = delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingDelay.Ticks));
                    await partition.Wake.WaitAsync(delay, stopping);
                    continue;
                }

                delay = TimeSpan.Zero;
                await AcceptControlMessagesAsync(partition, received, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
            {
                Log.PollFailed(_logger, queue.Name, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private void WakePartitionOf(string instanceId)
    {
        var partition = _partitions[PartitionHash.PartitionOf(instanceId, _partitions.Length)];
        if (partition.Owned && partition.Wake.CurrentCount == 0)
        {
            partition.Wake.Release();
        }
    }
}
