using System.Globalization;
using System.Text.Json;
using Marketplace.TestSupport;

namespace Marketplace.Benchmarks;

/// <summary>What a scenario gets: a shared Azurite, a JSON-lines reporter and a working-set sampler.</summary>
internal sealed class BenchmarkContext(TextWriter output)
{
    private AzuriteInstance? _azurite;

    /// <summary>One Azurite for the whole run, started on first use.</summary>
    public async Task<AzuriteInstance> AzuriteAsync() => _azurite ??= await AzuriteInstance.SharedAsync();

    /// <summary>Prints <c>{"scenario":..,"metric":..,"value":..,"unit":..}</c> on one line.</summary>
    public void Report(string scenario, string metric, double value, string unit)
    {
        var line = JsonSerializer.Serialize(new { scenario, metric, value = Math.Round(value, 3), unit });
        output.WriteLine(line);
        output.Flush();
    }

    /// <summary>Starts sampling this process's working set every 10 ms; dispose to stop; read <see cref="WorkingSetSampler.PeakMib"/>.</summary>
    public static WorkingSetSampler SampleWorkingSet() => new();

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Samples the working set of this process in the background and keeps the peak.</summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public WorkingSetSampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        BaselineMib = Current() / 1048576.0;
        _peak = Current();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Observe();
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <summary>Working set when sampling began.</summary>
    public double BaselineMib { get; }

    /// <summary>Highest working set seen so far.</summary>
    public double PeakMib
    {
        get
        {
            Observe();
            return Interlocked.Read(ref _peak) / 1048576.0;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }

    private void Observe()
    {
        var now = Current();
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    // Environment.WorkingSet reads the kernel's figure without allocating a Process snapshot,
    // so sampling does not inflate what it measures.
    private static long Current() => Environment.WorkingSet;
}
