using System.Collections.Concurrent;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// <see cref="IEbayRevisionCounter"/> in process memory: exact within one process, blind to other instances. The default
/// when no storage account is registered (tests, benchmarks, single-instance tools); the functions app uses
/// <see cref="EbayTableRevisionCounter"/>.
/// </summary>
public sealed class EbayRevisionCounter(TimeProvider time, int limit) : IEbayRevisionCounter
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Limit => limit;

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string sku, CancellationToken cancellationToken = default)
    {
        var today = EbayCalendar.Today(time.GetUtcNow());
        var counter = _counters.GetOrAdd(sku, _ => new Counter());
        lock (counter)
        {
            if (counter.Day != today)
            {
                counter.Day = today;
                counter.Count = 0;
            }

            if (counter.Count >= limit)
            {
                return ValueTask.FromResult(false);
            }

            counter.Count++;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> CountTodayAsync(string sku, CancellationToken cancellationToken = default)
    {
        var today = EbayCalendar.Today(time.GetUtcNow());
        return ValueTask.FromResult(_counters.TryGetValue(sku, out var counter) && counter.Day == today ? counter.Count : 0);
    }

    private sealed class Counter
    {
        public DateOnly Day { get; set; }

        public int Count { get; set; }
    }
}
