namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// Decides which received messages a step applies. Delivery is at-least-once and unordered, so:
/// a second ExecutionStarted, a completion for a task already completed (or never scheduled), an event whose
/// message id is already in history, and anything for another execution or a finished instance are dropped;
/// messages that arrive before their instance's ExecutionStarted are deferred.
/// </summary>
internal static class MessageFilter
{
    public sealed record Result(IReadOnlyList<HistoryEvent> Accepted, IReadOnlyList<TaskMessage> Deferred);

    /// <summary>How long a message for an instance that has not started is kept (deferred) before it is dropped.</summary>
    public static readonly TimeSpan MaxDeferral = TimeSpan.FromMinutes(10);

    public static Result Apply(IReadOnlyList<HistoryEvent> history, IReadOnlyList<TaskMessage> messages, DateTime now)
    {
        var started = history.FirstOrDefault(e => e.Type == EventType.ExecutionStarted);
        var accepted = new List<HistoryEvent>();
        var deferred = new List<TaskMessage>();
        var start = started is null ? messages.FirstOrDefault(m => m.Event.Type == EventType.ExecutionStarted) : null;
        if (start is not null)
        {
            accepted.Add(start.Event with { MessageId = start.MessageId });
            started = start.Event;
        }

        if (started is null)
        {
            deferred.AddRange(messages.Where(m => m.Event.Type != EventType.ExecutionStarted && now - m.Event.Timestamp < MaxDeferral));
            return new Result([], deferred);
        }

        var terminal = history.Any(e => e.Type is EventType.ExecutionCompleted or EventType.ContinueAsNew);
        var scheduled = new HashSet<int>(history.Where(IsScheduling).Select(e => e.EventId));
        var completed = new HashSet<int>(history.Where(IsCompletion).Select(e => e.TaskScheduledId));
        var seenMessages = new HashSet<string>(history.Where(e => e.MessageId is not null).Select(e => e.MessageId!), StringComparer.Ordinal);
        var terminated = history.Any(e => e.Type == EventType.ExecutionTerminated);
        foreach (var message in messages)
        {
            var e = message.Event;
            if (message == start || terminal || e.Type == EventType.ExecutionStarted)
            {
                continue;
            }

            if (message.ExecutionId is not null && message.ExecutionId != started.ExecutionId)
            {
                continue;
            }

            if (IsCompletion(e))
            {
                if (scheduled.Contains(e.TaskScheduledId) && completed.Add(e.TaskScheduledId))
                {
                    accepted.Add(e with { MessageId = message.MessageId });
                }
            }
            else if (e.Type == EventType.EventRaised)
            {
                if (seenMessages.Add(message.MessageId))
                {
                    accepted.Add(e with { MessageId = message.MessageId });
                }
            }
            else if (e.Type == EventType.ExecutionTerminated && !terminated)
            {
                terminated = true;
                accepted.Add(e with { MessageId = message.MessageId });
            }
        }

        return new Result(accepted, deferred);
    }

    private static bool IsScheduling(HistoryEvent e) =>
        e.Type is EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated;

    private static bool IsCompletion(HistoryEvent e) =>
        e.Type is EventType.TaskCompleted or EventType.TaskFailed or EventType.TimerFired
            or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed;
}
