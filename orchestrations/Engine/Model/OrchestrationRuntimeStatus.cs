namespace Marketplace.Orchestrations.Engine;

/// <summary>The lifecycle state of an orchestration instance (the Durable Task names).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The instance is running (it has started and has not reached a terminal state).</summary>
    Running = 0,

    /// <summary>The orchestrator returned normally.</summary>
    Completed = 1,

    /// <summary>The execution was replaced by a new one through <c>ContinueAsNew</c> (transient).</summary>
    ContinuedAsNew = 2,

    /// <summary>The orchestrator threw, or the engine failed it (unknown name, non-determinism).</summary>
    Failed = 3,

    /// <summary>Reserved for Durable compatibility; not produced by this engine.</summary>
    Canceled = 4,

    /// <summary>The instance was terminated through the client.</summary>
    Terminated = 5,

    /// <summary>Scheduled by a client; the first step has not run yet.</summary>
    Pending = 6,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for Completed, Failed, Canceled and Terminated: no further step will run.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Canceled or OrchestrationRuntimeStatus.Terminated;
}
