namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// The orchestrator code took a different action than its history records at the same step (the code
/// changed while instances were in flight, or it is not deterministic). The instance is failed with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An orchestrator or activity name that is not registered with the worker.</summary>
public sealed class TaskNotFoundException : Exception
{
    public TaskNotFoundException()
    {
    }

    public TaskNotFoundException(string message)
        : base(message)
    {
    }

    public TaskNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
