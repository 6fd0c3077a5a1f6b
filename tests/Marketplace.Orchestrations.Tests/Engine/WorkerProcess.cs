using System.Diagnostics;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>
/// A <c>Marketplace.EngineWorker</c> child process. With crash points enabled it announces <c>CRASHPOINT name</c> and
/// blocks there; <see cref="CrashPoint"/> completes with the name so that the test can kill it at exactly that point.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _crash = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    /// <summary>Completes with the crash point's name when the worker reaches one.</summary>
    public Task<string> CrashPoint => _crash.Task;

    public static Task<WorkerProcess> StartAsync(string connectionString, string hub, string workerId, string sideEffectsTable, string? crashPoints) =>
        StartAsync(connectionString, workerId, [hub, workerId, sideEffectsTable],
            crashPoints is null ? [] : [new("MARKETPLACE_ENGINE_CRASH_POINTS", crashPoints)]);

    /// <summary>Starts the worker with <paramref name="arguments"/> and extra environment variables; returns once it polls.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string workerId, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Marketplace.EngineWorker.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ENGINE_WORKER_CONNECTION"] = connectionString;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var worker = new WorkerProcess(process, workerId);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "READY")
            {
                worker._ready.TrySetResult();
            }
            else if (e.Data?.StartsWith("CRASHPOINT ", StringComparison.Ordinal) == true)
            {
                worker._crash.TrySetResult(e.Data["CRASHPOINT ".Length..]);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(worker._ready.Task, worker._crash.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Worker {workerId} exited with code {process.ExitCode} during start-up.");
        }

        return worker;
    }

    /// <summary>SIGKILL: no clean-up, no lease release, in-flight messages stay invisible until their timeout.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
