using System.Text.Json.Serialization;

namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// One entry of an orchestration's history, and the payload of every message between instances and
/// activity workers. A flat record (one type for all <see cref="EventType"/>s) so that it persists as one
/// JSON document; fields that do not apply to a kind stay null. Payloads (<see cref="Input"/>,
/// <see cref="Result"/>) are JSON text produced by the <see cref="DataConverter"/>.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>The kind of event.</summary>
    public required EventType Type { get; init; }

    /// <summary>
    /// For TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated and EventSent: the task id, the
    /// position of the action in the orchestrator's sequence (0, 1, 2, ...). -1 for other kinds.
    /// </summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was created (for OrchestratorStarted: the step's deterministic current time).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Orchestrator, activity, sub-orchestrator or external event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input payload (ExecutionStarted, TaskScheduled, SubOrchestrationInstanceCreated, EventSent, EventRaised, ContinueAsNew).</summary>
    public string? Input { get; init; }

    /// <summary>Result payload (TaskCompleted, SubOrchestrationInstanceCompleted, ExecutionCompleted, ExecutionTerminated).</summary>
    public string? Result { get; init; }

    /// <summary>For completions (and TimerFired): the <see cref="EventId"/> of the action they answer.</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>For TimerCreated and TimerFired: when the timer fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>Target instance of SubOrchestrationInstanceCreated and EventSent.</summary>
    public string? InstanceId { get; init; }

    /// <summary>ExecutionStarted: the id of this execution (changes on ContinueAsNew).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent's execution.</summary>
    public string? ParentExecutionId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent's task id for the call.</summary>
    public int ParentTaskScheduledId { get; init; } = -1;

    /// <summary>TaskFailed, SubOrchestrationInstanceFailed, ExecutionCompleted(Failed): what went wrong.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>ExecutionCompleted: the final status.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>The id of the message that delivered this event; used to drop redelivered duplicates.</summary>
    public string? MessageId { get; init; }

    /// <summary>Orchestrator version tag (ExecutionStarted); informational.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }
}
