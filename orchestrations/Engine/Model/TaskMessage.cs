namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// A message to an orchestration instance (or, for TaskScheduled, to the activity workers): the
/// <see cref="Event"/> it delivers, addressed by instance and execution. <see cref="MessageId"/> is stable
/// across re-sends of the same logical message, so receivers drop duplicates.
/// </summary>
public sealed record TaskMessage
{
    public required string InstanceId { get; init; }

    /// <summary>The target execution; null for client messages (events, terminate), which go to the current one.</summary>
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }

    public required string MessageId { get; init; }

    /// <summary>Not to be delivered before this time (timers); null for now.</summary>
    public DateTime? DeliverAt { get; init; }
}
