using System.Collections.Concurrent;

namespace Marketplace.Shared.Shopify;

/// <summary>
/// A client-side model of one shop's leaky bucket (calculated query cost). Before each request
/// <see cref="AcquireAsync"/> waits until the bucket holds the operation's expected cost (learned from earlier
/// <c>requestedQueryCost</c> values), so the server never has to throttle. Every response's <c>extensions.cost</c>
/// re-synchronises the model (<see cref="Lease.Complete"/>). One pacer per shop, shared by every client of that shop
/// (<see cref="ForShop"/>); thread-safe; waits use the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class ShopifyCostPacer
{
    private static readonly ConcurrentDictionary<string, ShopifyCostPacer> Shops = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, double> _expectedCost = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _maximum;
    private double _restoreRate;
    private double _available;
    private long _stamp;
    private double _inFlight;
    private long _throttled;
    private double _spent;
    private long _waitedTicks;

    /// <summary>Creates a pacer that assumes Standard limits (1,000 points, 100/s) until the shop reports its own.</summary>
    public ShopifyCostPacer(TimeProvider? timeProvider = null, double assumedMaximum = 1000, double assumedRestoreRate = 100)
    {
        _time = timeProvider ?? TimeProvider.System;
        _maximum = assumedMaximum;
        _restoreRate = assumedRestoreRate;
        _available = assumedMaximum;
        _stamp = _time.GetTimestamp();
    }

    /// <summary>The process-wide pacer of a shop.</summary>
    public static ShopifyCostPacer ForShop(string shopDomain, TimeProvider? timeProvider = null) =>
        Shops.GetOrAdd(shopDomain, _ => new ShopifyCostPacer(timeProvider));

    /// <summary>Cost assumed for an operation never seen before (default 50 points).</summary>
    public double UnknownOperationCost { get; init; } = 50;

    /// <summary>Responses the server throttled despite pacing (should stay 0 in steady state).</summary>
    public long ThrottledCount => Interlocked.Read(ref _throttled);

    /// <summary>Sum of <c>actualQueryCost</c> over all responses.</summary>
    public double PointsSpent { get { lock (_gate) { return _spent; } } }

    /// <summary>Total time callers spent waiting for points.</summary>
    public TimeSpan TimeWaited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>The last throttle status the shop reported (bucket size, restore rate, modelled availability now).</summary>
    public ShopifyThrottleStatus Status
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return new ShopifyThrottleStatus(_maximum, _available, _restoreRate);
            }
        }
    }

    /// <summary>Waits until the bucket can pay for <paramref name="operation"/>, then reserves its expected cost.</summary>
    public async Task<Lease> AcquireAsync(string operation, CancellationToken cancellationToken = default)
    {
        await _queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                double cost;
                lock (_gate)
                {
                    Refill();
                    cost = Math.Min(_expectedCost.GetValueOrDefault(operation, UnknownOperationCost), _maximum);
                    if (_available >= cost)
                    {
                        _available -= cost;
                        _inFlight += cost;
                        return new Lease(this, operation, cost);
                    }

                    wait = TimeSpan.FromSeconds((cost - _available) / _restoreRate);
                }

                Interlocked.Add(ref _waitedTicks, wait.Ticks);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _available = Math.Min(_maximum, _available + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _restoreRate));
        _stamp = now;
    }

    private void Settle(Lease lease, ShopifyQueryCost? cost, bool throttled)
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - lease.Reserved);
            if (throttled)
            {
                Interlocked.Increment(ref _throttled);
            }

            if (cost is null)
            {
                return;
            }

            _expectedCost[lease.Operation] = cost.RequestedQueryCost;
            _spent += cost.ActualQueryCost ?? 0;
            var status = cost.ThrottleStatus;
            _maximum = status.MaximumAvailable;
            _restoreRate = status.RestoreRate;
            Refill();
            // Own accounting first: we reserved an estimate, the shop charged the actual cost (nothing when throttled).
            _available += lease.Reserved - (cost.ActualQueryCost ?? 0);
            // The shop's figure catches other consumers and a wrong initial assumption, but responses can arrive out of
            // order and it does not include requests still in flight, so it can only lower the model, never raise it.
            _available = Math.Min(_maximum, Math.Min(_available, status.CurrentlyAvailable - _inFlight));
        }
    }

    /// <summary>A reservation of points for one request; complete it with the response's cost.</summary>
    public sealed class Lease
    {
        private readonly ShopifyCostPacer _owner;
        private int _settled;

        internal Lease(ShopifyCostPacer owner, string operation, double reserved)
        {
            _owner = owner;
            Operation = operation;
            Reserved = reserved;
        }

        /// <summary>The operation (root field) the points were reserved for.</summary>
        public string Operation { get; }

        /// <summary>Points reserved.</summary>
        public double Reserved { get; }

        /// <summary>Feeds the response's cost back (null when the response carried none; the reservation then stays spent).</summary>
        public void Complete(ShopifyQueryCost? cost, bool throttled = false)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                _owner.Settle(this, cost, throttled);
            }
        }
    }
}
