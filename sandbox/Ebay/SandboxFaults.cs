namespace Marketplace.Sandbox.Ebay;

/// <summary>Which faults a sandbox may inject.</summary>
[Flags]
public enum SandboxFaultKinds
{
    None = 0,

    /// <summary>The platform's throttling answer (429 with its signals), before anything is applied.</summary>
    RateLimit = 1,

    /// <summary>A 5xx answer (the platform's error shape), before anything is applied.</summary>
    ServerError = 2,

    /// <summary>Writes only: the write is applied, then the answer is held for <see cref="SandboxFaultOptions.TimeoutDelay"/> (past the client's timeout).</summary>
    TimeoutAfterCommit = 4,

    All = RateLimit | ServerError | TimeoutAfterCommit,
}

/// <summary>Latency and fault injection settings of one platform sandbox (mutable while running, for tests).</summary>
public sealed class SandboxFaultOptions
{
    /// <summary>Smallest added latency per API call (default 100 ms; 0 for fast tests).</summary>
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest added latency per API call (default 300 ms).</summary>
    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Share of API calls (0..1) that get a fault (default 0).</summary>
    public double FaultRate { get; set; }

    /// <summary>Faults to choose from.</summary>
    public SandboxFaultKinds Faults { get; set; } = SandboxFaultKinds.All;

    /// <summary>How long a committed write is held before answering (default 30 s; ends early when the client hangs up).</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the fault dice, so a run can be repeated.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>No call is faulted right after a faulted call, so a retrying client always makes progress.</summary>
    public bool NeverTwiceInARow { get; set; } = true;

    /// <summary>Turns latency and faults off (fast tests).</summary>
    public void Quiet()
    {
        MinLatency = TimeSpan.Zero;
        MaxLatency = TimeSpan.Zero;
        FaultRate = 0;
    }
}

/// <summary>Rolls latency and faults for a sandbox (shared by the eBay and Reverb sandboxes).</summary>
public sealed class SandboxFaultInjector(SandboxFaultOptions options)
{
    private readonly Lock _gate = new();
    private Random? _random;
    private bool _lastFaulted;

    public SandboxFaultOptions Options => options;

    /// <summary>Faults injected so far, per kind.</summary>
    public int Injected { get; private set; }

    public async Task DelayAsync(CancellationToken cancellationToken)
    {
        TimeSpan latency;
        lock (_gate)
        {
            var random = _random ??= new Random(options.Seed);
            var min = options.MinLatency.TotalMilliseconds;
            var max = Math.Max(min, options.MaxLatency.TotalMilliseconds);
            latency = TimeSpan.FromMilliseconds(min + (random.NextDouble() * (max - min)));
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }
    }

    /// <summary>The fault for this call, or <see cref="SandboxFaultKinds.None"/>.</summary>
    public SandboxFaultKinds Roll(bool isWrite)
    {
        lock (_gate)
        {
            var random = _random ??= new Random(options.Seed);
            if (options.FaultRate <= 0 || (options.NeverTwiceInARow && _lastFaulted) || random.NextDouble() >= options.FaultRate)
            {
                _lastFaulted = false;
                return SandboxFaultKinds.None;
            }

            var kinds = Enum.GetValues<SandboxFaultKinds>()
                .Where(k => k is not SandboxFaultKinds.None and not SandboxFaultKinds.All && options.Faults.HasFlag(k))
                .Where(k => isWrite || k != SandboxFaultKinds.TimeoutAfterCommit)
                .ToList();
            if (kinds.Count == 0)
            {
                _lastFaulted = false;
                return SandboxFaultKinds.None;
            }

            _lastFaulted = true;
            Injected++;
            return kinds[random.Next(kinds.Count)];
        }
    }

    /// <summary>Holds a committed answer past the client's timeout; returns early when the client gives up.</summary>
    public async Task HoldAsync(CancellationToken requestAborted)
    {
        try
        {
            await Task.Delay(options.TimeoutDelay, requestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client hung up: exactly the situation being simulated.
        }
    }
}
