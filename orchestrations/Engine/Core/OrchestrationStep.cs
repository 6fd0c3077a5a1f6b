namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// The outcome of one orchestrator step, computed by the engine and persisted by the backend. A backend
/// must commit <see cref="NewEvents"/> and <see cref="State"/> atomically together with the messages to send
/// (so that a crash after the commit re-sends them), then send the messages, then acknowledge the consumed
/// messages. With <see cref="IsNewExecution"/> the events start a new history (ContinueAsNew) that replaces
/// the old one. A step with a null <see cref="State"/> changed nothing (every message was a duplicate or
/// stale): only acknowledge the consumed messages and send <see cref="DeferredMessages"/>.
/// </summary>
public sealed record OrchestrationStep
{
    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>History events to append (or, with <see cref="IsNewExecution"/>, the whole new history).</summary>
    public IReadOnlyList<HistoryEvent> NewEvents { get; init; } = [];

    /// <summary>True when <see cref="NewEvents"/> is a new execution's complete history.</summary>
    public bool IsNewExecution { get; init; }

    /// <summary>The instance summary after the step; null if the step changed nothing.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>TaskScheduled messages for the activity work-item queue.</summary>
    public IReadOnlyList<TaskMessage> ActivityMessages { get; init; } = [];

    /// <summary>Messages to orchestration instances (this one for timers, others for sub-orchestrations and events).</summary>
    public IReadOnlyList<TaskMessage> OrchestratorMessages { get; init; } = [];

    /// <summary>Messages that arrived before their instance started: deliver them again a little later.</summary>
    public IReadOnlyList<TaskMessage> DeferredMessages { get; init; } = [];
}
