namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// The persistence and messaging seam between the engine and a backend (in-memory, Azure Storage). The
/// engine owns all orchestration logic (replay, message filtering, actions); a backend only stores history
/// and state, moves messages, and guarantees that one instance is locked by at most one worker at a time.
/// Delivery may be at-least-once and unordered: the engine drops duplicates and stale messages.
/// </summary>
public interface IOrchestrationService
{
    /// <summary>Creates storage resources if needed and starts background work (leases, polling).</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops background work and releases leases.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an instance with new messages and locks it: the history and every pending message for it.
    /// Returns null when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits a step (see <see cref="OrchestrationStep"/> for the required order) and unlocks the instance.</summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStep step, CancellationToken cancellationToken = default);

    /// <summary>Unlocks without committing; the messages are delivered again later.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>Waits for an activity message and locks it; null when cancelled.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends the activity's result to its orchestration, then deletes the activity message.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default);

    /// <summary>Releases the activity message for another attempt.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default);
}

/// <summary>The client side of a backend: create instances, send messages, read, query and purge state.</summary>
public interface IOrchestrationServiceClient
{
    /// <summary>
    /// Creates an instance from its ExecutionStarted message unless one with the same id is Pending or Running,
    /// in which case nothing new is created and the existing state is returned (a Pending one gets its start
    /// message again, which the engine drops if it is a duplicate). A finished instance is replaced.
    /// </summary>
    Task<OrchestrationState> CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken = default);

    /// <summary>Sends a message to an instance (events, termination).</summary>
    Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default);

    /// <summary>The instance summary, or null if there is no such instance.</summary>
    Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of instances matching <paramref name="query"/>, with the token for the next page (null at the end).</summary>
    Task<OrchestrationQueryPage> QueryStatesAsync(OrchestrationQuery query, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's history and state; returns 1 if deleted, 0 if it did not exist.</summary>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>A locked instance: its history so far and the messages to apply.</summary>
public class OrchestrationWorkItem
{
    public required string InstanceId { get; init; }

    public required IReadOnlyList<HistoryEvent> History { get; init; }

    public required IReadOnlyList<TaskMessage> NewMessages { get; init; }
}

/// <summary>A locked activity message.</summary>
public class ActivityWorkItem
{
    public required TaskMessage Message { get; init; }
}

/// <summary>Filter for <see cref="IOrchestrationServiceClient.QueryStatesAsync"/>; null fields match everything.</summary>
public sealed record OrchestrationQuery
{
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public DateTime? CreatedFrom { get; init; }

    public DateTime? CreatedTo { get; init; }

    /// <summary>Instance id prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Orchestrator name prefix.</summary>
    public string? NamePrefix { get; init; }

    /// <summary>Page size; default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>True when <paramref name="state"/> matches every filter.</summary>
    public bool Matches(OrchestrationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (Statuses is null || Statuses.Count == 0 || Statuses.Contains(state.Status))
            && (CreatedFrom is null || state.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || state.CreatedAt <= CreatedTo)
            && (InstanceIdPrefix is null || state.InstanceId.StartsWith(InstanceIdPrefix, StringComparison.Ordinal))
            && (NamePrefix is null || state.Name.StartsWith(NamePrefix, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>One page of a query.</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationState> States, string? ContinuationToken);
