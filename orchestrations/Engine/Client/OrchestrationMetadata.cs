namespace Marketplace.Orchestrations.Engine;

/// <summary>A snapshot of an instance as a client sees it.</summary>
public sealed class OrchestrationMetadata
{
    private readonly DataConverter _converter;

    internal OrchestrationMetadata(OrchestrationState state, DataConverter converter, bool includeInputsAndOutputs)
    {
        _converter = converter;
        Name = state.Name;
        InstanceId = state.InstanceId;
        RuntimeStatus = state.Status;
        CreatedAt = state.CreatedAt;
        LastUpdatedAt = state.LastUpdatedAt;
        SerializedCustomStatus = state.CustomStatus;
        FailureDetails = state.FailureDetails;
        if (includeInputsAndOutputs)
        {
            SerializedInput = state.Input;
            SerializedOutput = state.Output;
        }
    }

    public string Name { get; }

    public string InstanceId { get; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; }

    /// <summary>When the instance was scheduled (UTC).</summary>
    public DateTime CreatedAt { get; }

    /// <summary>When its last step was committed (UTC).</summary>
    public DateTime LastUpdatedAt { get; }

    /// <summary>Input JSON (only when requested with inputs and outputs).</summary>
    public string? SerializedInput { get; }

    /// <summary>Output JSON (only when requested with inputs and outputs); for Terminated, the termination output.</summary>
    public string? SerializedOutput { get; }

    /// <summary>Custom status JSON as last set by the orchestrator.</summary>
    public string? SerializedCustomStatus { get; }

    /// <summary>Why the instance failed (Failed only).</summary>
    public TaskFailureDetails? FailureDetails { get; }

    /// <summary>Pending or Running.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;

    /// <summary>Completed, Failed, Canceled or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => _converter.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => _converter.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => _converter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
