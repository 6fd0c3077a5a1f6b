namespace Marketplace.Orchestrations.Engine;

/// <content>Timers and external events.</content>
internal sealed partial class OrchestrationContext
{
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<HistoryEvent>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedOrder = [];

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = NextSequence();
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        AddAction(new OrchestratorAction { Type = OrchestratorActionType.CreateTimer, Id = id, FireAt = utc });
        var fired = new TaskCompletionSource();
        _openTasks.Add(id, _ => fired.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => fired.TrySetCanceled(cancellationToken));
        }

        return fired.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            var e = buffered.Dequeue();
            _bufferedOrder.Remove(e);
            return Task.FromResult(_converter.Deserialize<T>(e.Input)!);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            _eventWaiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(waiter);
        return timeout == Timeout.InfiniteTimeSpan
            ? ReadEventAsync<T>(waiter.Task)
            : WaitWithTimeoutAsync<T>(eventName, timeout, waiters, node);
    }

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    internal void RaiseEvent(HistoryEvent raised)
    {
        var name = raised.Name ?? string.Empty;
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(raised.Input);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var queue))
        {
            _bufferedEvents[name] = queue = new Queue<HistoryEvent>();
        }

        queue.Enqueue(raised);
        _bufferedOrder.Add(raised);
    }

    private bool HasEventWaiters => _eventWaiters.Values.Any(w => w.Count > 0);

    /// <summary>Events received and not consumed, in arrival order (carried over by ContinueAsNew).</summary>
    internal IReadOnlyList<HistoryEvent> UnconsumedEvents => _bufferedOrder;

    private async Task<T> ReadEventAsync<T>(Task<string?> raised) => _converter.Deserialize<T>(await raised)!;

    private async Task<T> WaitWithTimeoutAsync<T>(string eventName, TimeSpan timeout, LinkedList<TaskCompletionSource<string?>> waiters, LinkedListNode<TaskCompletionSource<string?>> node)
    {
        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentTime + timeout, cancelTimer.Token);
        var winner = await Task.WhenAny(node.Value.Task, timer);
        if (winner == timer)
        {
            if (node.List is not null)
            {
                waiters.Remove(node);
            }

            throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
        }

        cancelTimer.Cancel();
        return _converter.Deserialize<T>(await node.Value.Task)!;
    }
}
