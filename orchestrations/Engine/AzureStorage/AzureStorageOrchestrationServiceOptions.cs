namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>Settings of the Azure Storage backend; workers sharing a task hub must agree on name and partition count.</summary>
public sealed class AzureStorageOrchestrationServiceOptions
{
    /// <summary>Task hub name: 3-40 lower-case letters and digits, starting with a letter; prefixes every table, queue and container.</summary>
    public string TaskHubName { get; set; } = "marketplace";

    /// <summary>Number of control queues (1-16, default 4); instances are spread over them by a stable hash of their id.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>This worker's name; a restarted worker with the same name takes its partition leases back at once. Default: machine and process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a received control message stays invisible before redelivery (default 2 minutes).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an activity message stays invisible; renewed while the activity runs (default 2 minutes).</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Partition lease duration, 15-60 s (default 30 s); a dead worker's partitions move after this long.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between polls of an empty queue (default 1 s); polling backs off up to it and a local send wakes it at once.</summary>
    public TimeSpan MaxPollingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Payloads larger than this many UTF-8 bytes go to blobs (default 45 KB).</summary>
    public int LargePayloadThresholdBytes { get; set; } = 45 * 1024;

    /// <summary>Histories kept in memory for replay (validated by ETag before use; default 1,000).</summary>
    public int MaxCachedHistories { get; set; } = 1000;

    /// <summary>
    /// Most control-queue partitions this worker leases (default: no cap). Workers also balance on their own:
    /// each keeps at most ceil(partitions / live workers), counting workers by heartbeat blobs.
    /// </summary>
    public int MaxPartitions { get; set; } = 16;

    /// <summary>Activity messages fetched ahead of free activity slots (default 32).</summary>
    public int ActivityPrefetch { get; set; } = 32;

    internal void Validate()
    {
        if (TaskHubName is null || !System.Text.RegularExpressions.Regex.IsMatch(TaskHubName, "^[a-z][a-z0-9]{2,39}$"))
        {
            throw new ArgumentException($"Task hub name '{TaskHubName}' is invalid: 3-40 lower-case letters and digits, starting with a letter.", nameof(TaskHubName));
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(PartitionCount), PartitionCount, "The partition count must be 1 to 16.");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(15) || LeaseDuration > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "Blob leases last 15 to 60 seconds.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(WorkerId);
    }
}
