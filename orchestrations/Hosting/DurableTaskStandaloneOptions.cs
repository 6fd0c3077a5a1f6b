using System.Text.RegularExpressions;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// Settings of the standalone Durable Task runtime (DTFx on the Azure Storage backend), bound from the
/// configuration section <c>Durable</c> (<c>Durable__TaskHub</c>, <c>Durable__PartitionCount</c>, ...).
/// Defaults are DTFx's own except where noted; lower the visibility timeouts and the lease interval locally so
/// a killed worker's work resumes within seconds instead of minutes.
/// </summary>
public sealed partial class DurableTaskStandaloneOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Durable";

    /// <summary>Task hub name (queues, tables and blob containers are prefixed with it). Default <c>marketplace</c>.</summary>
    public string TaskHub { get; set; } = "marketplace";

    /// <summary>This worker's identity in the partition leases. Default: machine name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Control-queue partitions (1-16), fixed when the task hub is first created. Default 4.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Keeps orchestration state in memory between episodes (fewer history reads). Default <c>true</c> (DTFx: false).</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>
    /// How long an idle extended session stays in memory. A graceful stop waits for sessions to go idle, so this
    /// also bounds the shutdown time. Default 10 s (DTFx: 30 s).
    /// </summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest back-off between polls of an empty queue. Default 100 ms (DTFx: 30 s), for low latency.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a dequeued orchestration message stays invisible; a crashed worker's messages reappear after it.
    /// Default 5 min; 10 s is the least it takes (see <see cref="MinControlQueueVisibilityTimeout"/>), for local runs.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued activity message stays invisible (renewed every 5 s while the activity runs, so keep it
    /// at 10 s or more). Default 5 min; 10 s is a good local value.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a partition lease lasts without renewal (a dead worker's partitions move after it). Default 30 s.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Activities run at once by this worker. Default (null): 10 per processor, as Durable Functions' default
    /// <c>maxConcurrentActivityFunctions</c> on the Functions host (DTFx alone allows 10 in all: too few for activities that
    /// mostly wait on marketplace APIs).
    /// </summary>
    public int? MaxConcurrentActivities { get; set; }

    /// <summary>Orchestration episodes run at once by this worker. Default (null): DTFx's 100 per processor.</summary>
    public int? MaxConcurrentOrchestrations { get; set; }

    /// <summary>
    /// The least <see cref="ControlQueueVisibilityTimeout"/>: DTFx's back-off after a failed orchestration work item.
    /// While it backs off, the worker fetches one work item every 10 s until five in a row succeed, and the messages
    /// it holds meanwhile must not reappear: a message that reappears takes a new pop receipt, the work item holding
    /// the old one then fails to delete it, and with a shorter timeout every work item fails that way, so the back-off
    /// never ends and the worker's instances stop (seen with 5 s on a busy machine).
    /// </summary>
    public static readonly TimeSpan MinControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The effective worker id.</summary>
    internal string EffectiveWorkerId => string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : WorkerId;

    /// <summary>Problems that make these settings unusable, as messages naming the setting.</summary>
    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(TaskHub) || !TaskHubPattern().IsMatch(TaskHub))
        {
            yield return $"{SectionName}:TaskHub must be 3-45 letters or digits starting with a letter.";
        }

        if (PartitionCount is < 1 or > 16)
        {
            yield return $"{SectionName}:PartitionCount must be between 1 and 16.";
        }

        if (MaxConcurrentActivities < 1 || MaxConcurrentOrchestrations < 1)
        {
            yield return $"{SectionName}: concurrency limits must be at least 1.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ExtendedSessionIdleTimeout), ExtendedSessionIdleTimeout),
            (nameof(MaxQueuePollingInterval), MaxQueuePollingInterval),
            (nameof(ControlQueueVisibilityTimeout), ControlQueueVisibilityTimeout),
            (nameof(WorkItemQueueVisibilityTimeout), WorkItemQueueVisibilityTimeout),
            (nameof(LeaseInterval), LeaseInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{SectionName}:{name} must be positive.";
            }
        }

        if (ControlQueueVisibilityTimeout < MinControlQueueVisibilityTimeout)
        {
            yield return $"{SectionName}:{nameof(ControlQueueVisibilityTimeout)} must be at least {MinControlQueueVisibilityTimeout.TotalSeconds:0} seconds " +
                "(the Durable Task Framework backs off 10 s after a failed orchestration work item; messages reappearing sooner stop the worker's instances).";
        }

        // Queue visibility is set in whole seconds.
        if (WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{SectionName}:{nameof(WorkItemQueueVisibilityTimeout)} must be at least 1 second.";
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubPattern();
}
