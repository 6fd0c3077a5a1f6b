namespace Marketplace.Functions.Admin;

/// <summary>One thing a trigger started (a reconciliation run, a photo arrival), shown by the admin API.</summary>
internal sealed record TriggerEvent(DateTimeOffset At, string Kind, string Detail);

/// <summary>The most recent trigger events of this instance (bounded, in memory), for the admin status route and the dashboard.</summary>
internal sealed class TriggerEventLog(TimeProvider time)
{
    private const int Capacity = 200;
    private readonly LinkedList<TriggerEvent> _events = new();
    private readonly Lock _lock = new();

    public void Record(string kind, string detail)
    {
        lock (_lock)
        {
            _events.AddFirst(new TriggerEvent(time.GetUtcNow(), kind, detail));
            if (_events.Count > Capacity)
            {
                _events.RemoveLast();
            }
        }
    }

    public IReadOnlyList<TriggerEvent> Recent(int count = 50)
    {
        lock (_lock)
        {
            return [.. _events.Take(count)];
        }
    }
}
