using System.Globalization;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// Keeps calls inside Discogs's moving-window rate limit instead of running into 429s: a log of this client's calls over
/// the window (a call counts from when its answer arrived, the latest the server can have counted it, so latency never
/// makes a window look freer than the server sees it), the limit taken from <c>X-Discogs-Ratelimit</c>, and the server's
/// <c>X-Discogs-Ratelimit-Remaining</c> (other clients on the same token use the quota too). A call waits until the
/// oldest call leaves the window. Safe for concurrent use.
/// </summary>
public sealed class DiscogsRatePacer(int limit, TimeSpan window, TimeSpan margin, TimeProvider? time = null)
{
    private readonly List<Slot> _calls = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private int _limit = limit;
    private DateTimeOffset? _exhaustedUntil;

    /// <summary>The limit in force (configured, then as the server reports it).</summary>
    public int Limit => _limit;

    /// <summary>Waits until a call fits the window and counts it; pass the slot to <see cref="Complete"/> when the call ends.</summary>
    public async Task<Slot> WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                _calls.RemoveAll(c => c.CountedUntil <= now);
                var blocked = _exhaustedUntil is { } until && until > now;
                if (_calls.Count < _limit && !blocked)
                {
                    var slot = new Slot { CountedUntil = DateTimeOffset.MaxValue };
                    _calls.Add(slot);
                    return slot;
                }

                var freed = _calls.Min(c => c.CountedUntil);
                wait = (blocked ? _exhaustedUntil!.Value : freed == DateTimeOffset.MaxValue ? now + TimeSpan.FromMilliseconds(20) : freed) - now;
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, cancellationToken);
        }
    }

    /// <summary>Ends a call: it counts for one window from now; its answer's rate-limit headers (if any) are read.</summary>
    public void Complete(Slot slot, HttpResponseMessage? response)
    {
        ArgumentNullException.ThrowIfNull(slot);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            slot.CountedUntil = now + window + margin;
            if (response is null)
            {
                return;
            }

            if (Header(response, "X-Discogs-Ratelimit") is { } serverLimit and > 0)
            {
                _limit = serverLimit;
            }

            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests || Header(response, "X-Discogs-Ratelimit-Remaining") == 0)
            {
                var oldest = _calls.Where(c => c != slot).Select(c => c.CountedUntil).DefaultIfEmpty(slot.CountedUntil).Min();
                _exhaustedUntil = response.Headers.RetryAfter?.Delta is { } retryAfter ? now + retryAfter + margin : oldest;
            }
        }
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>One call's place in the window.</summary>
    public sealed class Slot
    {
        internal DateTimeOffset CountedUntil { get; set; }
    }
}
