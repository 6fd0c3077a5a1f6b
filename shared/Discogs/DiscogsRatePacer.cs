using System.Globalization;

namespace Marketplace.Shared.Discogs;

/// <summary>
/// Keeps calls inside Discogs's moving-window rate limit instead of running into 429s: a log of this client's send
/// times over the window, the limit taken from <c>X-Discogs-Ratelimit</c>, and the server's
/// <c>X-Discogs-Ratelimit-Remaining</c> (other clients on the same token use the quota too). A call waits until the
/// oldest send leaves the window. Safe for concurrent use.
/// </summary>
public sealed class DiscogsRatePacer(int limit, TimeSpan window, TimeSpan margin, TimeProvider? time = null)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private int _limit = limit;
    private DateTimeOffset? _exhaustedUntil;

    /// <summary>The limit in force (configured, then as the server reports it).</summary>
    public int Limit => _limit;

    /// <summary>Waits until a call fits the window, then counts it as sent.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                while (_sent.Count > 0 && _sent.Peek() + window + margin <= now)
                {
                    _sent.Dequeue();
                }

                var blockedUntil = _exhaustedUntil is { } until && until > now ? until : (DateTimeOffset?)null;
                if (_sent.Count < _limit && blockedUntil is null)
                {
                    _sent.Enqueue(now);
                    return;
                }

                wait = (blockedUntil ?? _sent.Peek() + window + margin) - now;
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, cancellationToken);
        }
    }

    /// <summary>Reads the rate-limit headers of an answer; a 429 or no remaining calls pauses until the window moves on.</summary>
    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            if (Header(response, "X-Discogs-Ratelimit") is { } serverLimit and > 0)
            {
                _limit = serverLimit;
            }

            var remaining = Header(response, "X-Discogs-Ratelimit-Remaining");
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests || remaining == 0)
            {
                var now = _time.GetUtcNow();
                var pause = response.Headers.RetryAfter?.Delta ?? (_sent.Count > 0 ? _sent.Peek() + window - now : window);
                _exhaustedUntil = now + pause + margin;
            }
        }
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
