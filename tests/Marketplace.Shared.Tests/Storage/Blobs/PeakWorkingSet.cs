using System.Diagnostics;
using System.Globalization;

namespace Marketplace.Shared.Tests.Storage.Blobs;

/// <summary>
/// Measures how far the process working set rises above its level at construction. On Linux it uses the
/// kernel's own high-water mark (VmHWM, reset through /proc/self/clear_refs), which sees every peak and costs
/// nothing; elsewhere it samples every 20 ms (sampling allocates, so it slightly overstates).
/// </summary>
internal sealed class PeakWorkingSet : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler = Task.CompletedTask;
    private readonly bool _kernelPeak;
    private long _sampledPeak;

    public PeakWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineBytes = Current();
        _kernelPeak = TryResetKernelPeak();
        if (!_kernelPeak)
        {
            _sampledPeak = BaselineBytes;
            _sampler = Task.Run(SampleAsync);
        }
    }

    public long BaselineBytes { get; }

    /// <summary>Peak working set so far, in bytes.</summary>
    public long PeakBytes => Math.Max(Current(), _kernelPeak ? ReadStatus("VmHWM:") : Interlocked.Read(ref _sampledPeak));

    public double GrowthMib => (PeakBytes - BaselineBytes) / 1048576.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var now = Current();
            if (now > Interlocked.Read(ref _sampledPeak))
            {
                Interlocked.Exchange(ref _sampledPeak, now);
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static bool TryResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return ReadStatus("VmHWM:") > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Current()
    {
        if (OperatingSystem.IsLinux())
        {
            return ReadStatus("VmRSS:");
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long ReadStatus(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
