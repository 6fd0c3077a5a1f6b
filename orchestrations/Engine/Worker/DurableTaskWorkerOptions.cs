namespace Marketplace.Orchestrations.Engine;

/// <summary>Concurrency limits of a <see cref="DurableTaskWorker"/>.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestrator steps run at once (each on a different instance); default 64.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activities run at once; default 100 (activities are mostly I/O bound).</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Serializer for inputs, outputs and events; default <see cref="DataConverter.Default"/>.</summary>
    public DataConverter DataConverter { get; set; } = DataConverter.Default;
}
