namespace Marketplace.Orchestrations.Engine;

/// <summary>History event kinds, named as in the Durable Task protocol.</summary>
public enum EventType
{
    ExecutionStarted,
    ExecutionCompleted,
    ExecutionTerminated,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    TimerCreated,
    TimerFired,
    OrchestratorStarted,
    OrchestratorCompleted,
    EventSent,
    EventRaised,
    ContinueAsNew,
}
