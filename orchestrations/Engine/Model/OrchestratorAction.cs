namespace Marketplace.Orchestrations.Engine;

/// <summary>Kinds of decisions an orchestrator step produces (Durable Task action names).</summary>
public enum OrchestratorActionType
{
    ScheduleTask,
    CreateTimer,
    CreateSubOrchestration,
    SendEvent,
    CompleteOrchestration,
}

/// <summary>One decision of an orchestrator step, matched against history on replay by <see cref="Id"/>.</summary>
public sealed record OrchestratorAction
{
    public required OrchestratorActionType Type { get; init; }

    /// <summary>The task id (sequence number) the action was given when the orchestrator took it.</summary>
    public int Id { get; init; }

    /// <summary>Activity, sub-orchestrator or event name.</summary>
    public string? Name { get; init; }

    public string? Input { get; init; }

    /// <summary>CreateTimer: when it fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>CreateSubOrchestration / SendEvent: the target instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>CompleteOrchestration: the final status (Completed, Failed, Terminated or ContinuedAsNew).</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>CompleteOrchestration: the output, or the new input for ContinuedAsNew.</summary>
    public string? Result { get; init; }

    /// <summary>CompleteOrchestration with Failed: why.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>CompleteOrchestration with ContinuedAsNew: external events received but not consumed, carried over.</summary>
    public IReadOnlyList<HistoryEvent>? CarryoverEvents { get; init; }

    /// <summary>A short description for non-determinism messages, e.g. <c>ScheduleTask 'Charge'</c>.</summary>
    public string Describe() => Name is null ? Type.ToString() : $"{Type} '{Name}'";
}
