namespace Marketplace.Sandbox.Shopify;

/// <summary>Shopify's calculated-query-cost bucket: requested cost is taken up front, the unused part refunded.</summary>
internal sealed class SandboxLeakyBucket(double size, double restoreRate, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _available = size;
    private long _stamp = time.GetTimestamp();

    public double Size { get; private set; } = size;
    public double RestoreRate { get; private set; } = restoreRate;

    /// <summary>Changes the plan (tests); the bucket starts full.</summary>
    public void SetPlan(double bucketSize, double restore)
    {
        lock (_gate)
        {
            Size = bucketSize;
            RestoreRate = restore;
            _available = bucketSize;
            _stamp = time.GetTimestamp();
        }
    }

    /// <summary>Takes <paramref name="cost"/> if available; returns whether it did and what is left.</summary>
    public bool TryTake(double cost, out double available)
    {
        lock (_gate)
        {
            Refill();
            if (_available < cost)
            {
                available = _available;
                return false;
            }

            _available -= cost;
            available = _available;
            return true;
        }
    }

    /// <summary>Gives back points (requested minus actual); returns what is available now.</summary>
    public double Refund(double points)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(Size, _available + points);
            return _available;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _available = Math.Min(Size, _available + (time.GetElapsedTime(_stamp, now).TotalSeconds * RestoreRate));
        _stamp = now;
    }
}
