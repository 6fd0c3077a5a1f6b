namespace Marketplace.Orchestrations.Engine;

/// <summary>The persisted summary of an instance: what the client reads and queries.</summary>
public sealed record OrchestrationState
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public string? ExecutionId { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime LastUpdatedAt { get; init; }

    public string? ParentInstanceId { get; init; }
}
