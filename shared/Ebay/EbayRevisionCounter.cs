using System.Collections.Concurrent;

namespace Marketplace.Shared.Ebay;

/// <summary>
/// Counts revisions per listing (SKU) per Pacific calendar day so the client reports
/// <see cref="EbayRevisionLimitException"/> instead of sending a revision eBay would refuse (documented limit:
/// 250 revisions per listing per day, across all APIs). Counts are per process: eBay stays authoritative and its
/// own refusal is mapped the same way.
/// </summary>
internal sealed class EbayRevisionCounter(TimeProvider time, int limit)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>Reserves one revision of <paramref name="sku"/>'s listing today; false (with the reset time) when the limit is reached.</summary>
    public bool TryReserve(string sku, out DateTimeOffset resetsAt)
    {
        var now = time.GetUtcNow();
        var today = EbayCalendar.Today(now);
        resetsAt = EbayCalendar.NextReset(now);
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
                return false;
            }

            counter.Count++;
            return true;
        }
    }

    /// <summary>Reserves or throws <see cref="EbayRevisionLimitException"/>.</summary>
    public void Reserve(string sku)
    {
        if (!TryReserve(sku, out var resetsAt))
        {
            throw new EbayRevisionLimitException(sku, limit, resetsAt);
        }
    }

    /// <summary>Revisions counted today for <paramref name="sku"/>.</summary>
    public int CountToday(string sku)
    {
        var today = EbayCalendar.Today(time.GetUtcNow());
        return _counters.TryGetValue(sku, out var counter) && counter.Day == today ? counter.Count : 0;
    }

    private sealed class Counter
    {
        public DateOnly Day { get; set; }

        public int Count { get; set; }
    }
}
